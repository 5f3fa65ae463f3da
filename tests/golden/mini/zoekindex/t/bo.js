WijkkompasZoek.deel("t/bo",{"t":{"boek":[2813,11,920],"bouwsten":[1347,20,791,13,785,15,487,19,487,23,474,16,450]},"w":{"bouwsteen":"bouwsten","bouwstenen":"bouwsten"}});
