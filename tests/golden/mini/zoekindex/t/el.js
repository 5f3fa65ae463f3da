WijkkompasZoek.deel("t/el",{"t":{"elk":[2303,12,515,0,399],"elkar":[2813,19,487]},"w":{"elkaar":"elkar","elke":"elk"}});
