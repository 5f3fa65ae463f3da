WijkkompasZoek.deel("t/ui",{"t":{"uitleg":[2813,12,515]},"w":{}});
