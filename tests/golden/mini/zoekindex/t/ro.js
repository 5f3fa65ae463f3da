WijkkompasZoek.deel("t/ro",{"t":{"rotterdam":[2813,0,1808]},"w":{}});
