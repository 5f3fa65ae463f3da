WijkkompasZoek.deel("t/zu",{"t":{"zuid":[2813,0,1774],"zuidholland":[2813,0,1774]},"w":{}});
