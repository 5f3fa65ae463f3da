WijkkompasZoek.deel("t/pl",{"t":{"plat":[2303,10,1407,15,484]},"w":{"plaats":"plat"}});
