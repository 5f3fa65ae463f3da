WijkkompasZoek.deel("t/pl",{"t":{"plat":[2303,10,1412,15,487]},"w":{"plaats":"plat"}});
