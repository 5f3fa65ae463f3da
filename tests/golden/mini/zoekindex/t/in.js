WijkkompasZoek.deel("t/in",{"t":{"inlijv":[2813,6,1913]},"w":{"inlijving":"inlijv"}});
