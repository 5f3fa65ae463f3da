WijkkompasZoek.deel("t/su",{"t":{"subsidie":[2813,0,675]},"w":{}});
