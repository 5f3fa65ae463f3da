WijkkompasZoek.deel("t/tu",{"t":{"tuin":[2303,1,1913,8,1087]},"w":{"tuinen":"tuin"}});
