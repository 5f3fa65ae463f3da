WijkkompasZoek.deel("t/2_",{"t":{"2":[2813,3,1971]},"w":{}});
