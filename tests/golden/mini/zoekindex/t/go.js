WijkkompasZoek.deel("t/go",{"t":{"goed":[2303,2,854,3,854]},"w":{}});
