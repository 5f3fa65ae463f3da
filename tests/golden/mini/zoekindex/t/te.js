WijkkompasZoek.deel("t/te",{"t":{"terrein":[2813,1,886],"test":[2813,11,1458],"testbron":[2813,11,1938],"testmodel":[2813,7,1913]},"w":{"tests":"test"}});
