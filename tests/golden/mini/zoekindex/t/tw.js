WijkkompasZoek.deel("t/tw",{"t":{"twed":[2813,7,854],"twee":[1966,7,1589,2,854,3,854]},"w":{"tweede":"twed"}});
