WijkkompasZoek.deel("t/ee",{"t":{"eerst":[1966,11,920,7,854,0,399]},"w":{"eerste":"eerst"}});
