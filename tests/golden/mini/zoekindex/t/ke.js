WijkkompasZoek.deel("t/ke",{"t":{"kennisbank":[2813,17,531],"kenniskaart":[2813,19,781],"kern":[2303,2,1458,3,1458],"keuzehulp":[2813,17,531]},"w":{}});
