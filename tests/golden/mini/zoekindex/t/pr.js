WijkkompasZoek.deel("t/pr",{"t":{"praktijk":[2813,23,474],"professional":[2813,6,1040]},"w":{"professionals":"professional"}});
