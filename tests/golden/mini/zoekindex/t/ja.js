WijkkompasZoek.deel("t/ja",{"t":{"jar":[2813,0,399]},"w":{"jaar":"jar"}});
