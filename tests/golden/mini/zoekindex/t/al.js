WijkkompasZoek.deel("t/al",{"t":{"all":[2303,15,484,20,458],"allen":[2813,10,1407]},"w":{"alle":"all","alleen":"allen"}});
