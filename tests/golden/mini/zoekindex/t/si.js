WijkkompasZoek.deel("t/si",{"t":{"sit":[2813,5,1412],"situatie":[2813,16,450]},"w":{"site":"sit"}});
