WijkkompasZoek.deel("t/re",{"t":{"red":[2813,10,1412],"redzam":[2813,10,1913],"regel":[2303,2,854,3,854]},"w":{"redden":"red","redzaam":"redzam","regels":"regel"}});
