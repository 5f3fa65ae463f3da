WijkkompasZoek.deel("t/bu",{"t":{"buurt":[2303,1,1508,0,219],"buurthuis":[2813,0,399]},"w":{}});
