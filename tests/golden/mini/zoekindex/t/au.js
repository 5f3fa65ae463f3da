WijkkompasZoek.deel("t/au",{"t":{"auteur":[2813,0,679]},"w":{}});
