WijkkompasZoek.deel("t/ei",{"t":{"eig":[2813,0,399],"eind":[2813,4,886]},"w":{"eigen":"eig"}});
