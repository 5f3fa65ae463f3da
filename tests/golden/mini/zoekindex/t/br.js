WijkkompasZoek.deel("t/br",{"t":{"braakligg":[2813,1,886],"bron":[2813,11,1458],"bronn":[2813,14,765]},"w":{"braakliggend":"braakligg","bronnen":"bronn"}});
