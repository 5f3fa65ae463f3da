WijkkompasZoek.deel("t/kr",{"t":{"krijg":[2813,16,450]},"w":{}});
