WijkkompasZoek.deel("t/op",{"t":{"open":[2813,17,531]},"w":{}});
