WijkkompasZoek.deel("t/bl",{"t":{"blok":[2303,2,1972,3,1972]},"w":{}});
