WijkkompasZoek.deel("t/zo",{"t":{"zorg":[2813,9,1943]},"w":{}});
