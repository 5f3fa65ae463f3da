WijkkompasZoek.deel("t/ie",{"t":{"iederen":[2813,0,399]},"w":{"iedereen":"iederen"}});
