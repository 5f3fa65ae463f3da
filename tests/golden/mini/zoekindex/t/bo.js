WijkkompasZoek.deel("t/bo",{"t":{"boek":[2813,11,920],"bouwsten":[1347,20,791,13,785,15,484,19,484,23,471,16,446]},"w":{"bouwsteen":"bouwsten","bouwstenen":"bouwsten"}});
