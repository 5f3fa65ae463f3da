WijkkompasZoek.deel("t/bu",{"t":{"buurt":[2303,1,1505,0,219],"buurthuis":[2813,0,399]},"w":{}});
