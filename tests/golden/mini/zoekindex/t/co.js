WijkkompasZoek.deel("t/co",{"t":{"contributie":[2813,1,886]},"w":{}});
