WijkkompasZoek.deel("t/ti",{"t":{"tip":[1715,5,1087,23,780,22,513,16,446]},"w":{"tips":"tip"}});
