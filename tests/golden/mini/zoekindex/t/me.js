WijkkompasZoek.deel("t/me",{"t":{"mee":[2813,0,399]},"w":{}});
