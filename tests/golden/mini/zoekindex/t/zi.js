WijkkompasZoek.deel("t/zi",{"t":{"zie":[2813,5,1407],"zien":[2813,20,458]},"w":{}});
