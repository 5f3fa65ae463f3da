WijkkompasZoek.deel("t/pu",{"t":{"publicaties":[2813,14,565]},"w":{}});
