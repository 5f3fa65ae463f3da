WijkkompasZoek.deel("t/or",{"t":{"organiser":[2813,0,399]},"w":{"organiseren":"organiser"}});
