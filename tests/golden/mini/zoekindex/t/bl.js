WijkkompasZoek.deel("t/bl",{"t":{"blok":[2303,2,1971,3,1971]},"w":{}});
