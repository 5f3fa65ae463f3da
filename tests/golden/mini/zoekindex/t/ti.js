WijkkompasZoek.deel("t/ti",{"t":{"tip":[1715,5,1087,23,780,22,515,16,450]},"w":{"tips":"tip"}});
