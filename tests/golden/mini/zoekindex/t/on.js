WijkkompasZoek.deel("t/on",{"t":{"ontbrak":[2813,0,399]},"w":{}});
