WijkkompasZoek.deel("t/th",{"t":{"thema":[1715,22,783,15,484,19,484,23,471]},"w":{}});
