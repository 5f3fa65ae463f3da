WijkkompasZoek.deel("t/du",{"t":{"duidelijk":[2813,0,399]},"w":{}});
