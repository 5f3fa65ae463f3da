WijkkompasZoek.deel("t/la",{"t":{"lat":[2813,20,462]},"w":{"laat":"lat"}});
