WijkkompasZoek.deel("t/ca",{"t":{"casus":[2813,20,462],"casuss":[1514,20,780,22,515,15,487,19,487,16,450],"casusverkenner":[2813,15,781]},"w":{"casussen":"casuss"}});
