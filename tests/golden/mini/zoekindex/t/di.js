WijkkompasZoek.deel("t/di",{"t":{"dichtbij":[2813,9,1040]},"w":{}});
