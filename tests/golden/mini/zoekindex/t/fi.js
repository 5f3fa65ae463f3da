WijkkompasZoek.deel("t/fi",{"t":{"filter":[2303,15,484,23,471]},"w":{"filteren":"filter"}});
