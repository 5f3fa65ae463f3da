WijkkompasZoek.deel("t/si",{"t":{"sit":[2813,5,1407],"situatie":[2813,16,446]},"w":{"site":"sit"}});
