WijkkompasZoek.deel("t/1_",{"t":{"1":[2303,2,1971,11,920]},"w":{}});
