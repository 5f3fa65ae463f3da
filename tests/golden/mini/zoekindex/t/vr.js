WijkkompasZoek.deel("t/vr",{"t":{"vrag":[2813,16,450]},"w":{"vragen":"vrag"}});
