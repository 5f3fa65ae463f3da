WijkkompasZoek.deel("t/th",{"t":{"thema":[1715,22,783,15,487,19,487,23,474]},"w":{}});
