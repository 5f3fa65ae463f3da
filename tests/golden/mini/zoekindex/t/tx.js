WijkkompasZoek.deel("t/tx",{"t":{"txt":[2813,11,920]},"w":{}});
