WijkkompasZoek.deel("t/va",{"t":{"valkuil":[2303,6,1692,23,471]},"w":{"valkuilen":"valkuil"}});
