WijkkompasZoek.deel("t/sc",{"t":{"schuift":[2813,0,1368]},"w":{}});
