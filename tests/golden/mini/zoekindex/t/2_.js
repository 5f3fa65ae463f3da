WijkkompasZoek.deel("t/2_",{"t":{"2":[2813,3,1972]},"w":{}});
