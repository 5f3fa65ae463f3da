WijkkompasZoek.deel("t/vr",{"t":{"vrag":[2813,16,446]},"w":{"vragen":"vrag"}});
