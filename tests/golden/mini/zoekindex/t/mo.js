WijkkompasZoek.deel("t/mo",{"t":{"model":[2813,7,1458],"modell":[2813,18,583],"moestuin":[2813,1,1508]},"w":{"modellen":"modell"}});
