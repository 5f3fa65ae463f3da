WijkkompasZoek.deel("t/6_",{"t":{"6":[2813,0,399]},"w":{}});
