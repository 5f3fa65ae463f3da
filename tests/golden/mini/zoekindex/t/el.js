WijkkompasZoek.deel("t/el",{"t":{"elk":[2813,0,399],"elkar":[2813,19,484]},"w":{"elkaar":"elkar","elke":"elk"}});
