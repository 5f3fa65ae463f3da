WijkkompasZoek.deel("t/ke",{"t":{"kennisbank":[2813,17,528],"kenniskaart":[2813,19,781],"kern":[2303,2,1454,3,1454],"keuzehulp":[2813,17,528]},"w":{}});
