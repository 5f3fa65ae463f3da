WijkkompasZoek.deel("t/40",{"t":{"40":[2813,0,399]},"w":{}});
