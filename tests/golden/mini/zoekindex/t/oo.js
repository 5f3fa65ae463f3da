WijkkompasZoek.deel("t/oo",{"t":{"oost":[2813,1,1774]},"w":{}});
