WijkkompasZoek.deel("t/et",{"t":{"eten":[2813,0,1913]},"w":{}});
