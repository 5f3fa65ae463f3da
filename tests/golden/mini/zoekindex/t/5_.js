WijkkompasZoek.deel("t/5_",{"t":{"5":[2813,0,399]},"w":{}});
