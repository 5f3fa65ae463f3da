WijkkompasZoek.deel("t/he",{"t":{"heden":[2813,0,399]},"w":{}});
