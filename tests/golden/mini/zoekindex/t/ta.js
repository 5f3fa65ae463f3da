WijkkompasZoek.deel("t/ta",{"t":{"tabel":[2813,20,462]},"w":{}});
