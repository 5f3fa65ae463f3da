WijkkompasZoek.deel("t/ca",{"t":{"casus":[2813,20,458],"casuss":[1514,20,779,22,513,15,484,19,484,16,446],"casusverkenner":[2813,15,781]},"w":{"casussen":"casuss"}});
