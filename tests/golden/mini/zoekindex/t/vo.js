WijkkompasZoek.deel("t/vo",{"t":{"voorbeeld":[2303,2,854,3,854]},"w":{}});
