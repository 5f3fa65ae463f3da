WijkkompasZoek.deel("t/al",{"t":{"all":[2303,15,487,20,462],"allen":[2813,10,1412]},"w":{"alle":"all","alleen":"allen"}});
