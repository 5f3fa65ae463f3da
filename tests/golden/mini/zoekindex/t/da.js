WijkkompasZoek.deel("t/da",{"t":{"daarna":[2813,0,399]},"w":{}});
