WijkkompasZoek.deel("t/ut",{"t":{"utrecht":[1966,1,1774,2,854,3,854]},"w":{}});
