WijkkompasZoek.deel("t/ge",{"t":{"gebouwd":[2813,14,565],"geld":[2813,0,399],"gemeent":[2303,6,1040,0,679],"geordend":[2813,22,515]},"w":{"gemeente":"gemeent"}});
