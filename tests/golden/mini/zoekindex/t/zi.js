WijkkompasZoek.deel("t/zi",{"t":{"zie":[2813,5,1412],"zien":[2813,20,462]},"w":{}});
