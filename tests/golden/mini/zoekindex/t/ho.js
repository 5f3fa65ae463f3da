WijkkompasZoek.deel("t/ho",{"t":{"holland":[2813,0,1774],"hoofdstuk":[2813,11,920]},"w":{}});
