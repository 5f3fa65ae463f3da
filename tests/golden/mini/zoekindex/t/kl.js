WijkkompasZoek.deel("t/kl",{"t":{"klein":[2303,5,1913,4,886]},"w":{}});
