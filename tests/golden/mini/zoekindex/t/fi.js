WijkkompasZoek.deel("t/fi",{"t":{"filter":[2303,15,487,23,474]},"w":{"filteren":"filter"}});
