WijkkompasZoek.deel("t/la",{"t":{"lat":[2813,20,458]},"w":{"laat":"lat"}});
