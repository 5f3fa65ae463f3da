WijkkompasZoek.deel("t/fo",{"t":{"fonds":[2813,0,399]},"w":{"fondsen":"fonds"}});
