WijkkompasZoek.deel("t/vi",{"t":{"vijf":[2813,21,565]},"w":{}});
