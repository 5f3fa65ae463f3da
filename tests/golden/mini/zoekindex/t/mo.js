WijkkompasZoek.deel("t/mo",{"t":{"model":[2813,7,1454],"modell":[2813,18,582],"moestuin":[2813,1,1505]},"w":{"modellen":"modell"}});
