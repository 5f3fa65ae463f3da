WijkkompasZoek.deel("t/va",{"t":{"valkuil":[2303,6,1693,23,474]},"w":{"valkuilen":"valkuil"}});
