WijkkompasZoek.deel("t/1_",{"t":{"1":[2303,2,1972,11,920]},"w":{}});
