WijkkompasZoek.deel("t/z_",{"t":{"z":[2813,12,515]},"w":{}});
