WijkkompasZoek.deel("t/ta",{"t":{"tabel":[2813,20,458]},"w":{}});
