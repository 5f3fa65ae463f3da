WijkkompasZoek.deel("t/aa",{"t":{"aanschuiv":[2813,0,399]},"w":{"aanschuiven":"aanschuiv"}});
