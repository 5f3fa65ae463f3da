WijkkompasZoek.deel("t/a_",{"t":{"a":[2303,0,679,12,515]},"w":{}});
