WijkkompasZoek.deel("t/na",{"t":{"najar":[2813,0,399]},"w":{"najaar":"najar"}});
