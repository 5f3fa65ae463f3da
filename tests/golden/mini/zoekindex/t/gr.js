WijkkompasZoek.deel("t/gr",{"t":{"groeid":[2813,0,399],"groen":[2813,8,1913]},"w":{"groeide":"groeid"}});
