WijkkompasZoek.deel("t/vi",{"t":{"vijf":[2813,21,563]},"w":{}});
