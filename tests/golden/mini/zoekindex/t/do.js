WijkkompasZoek.deel("t/do",{"t":{"doe":[2303,2,1231,3,1231],"doelgroep":[2813,23,474]},"w":{}});
