WijkkompasZoek.deel("t/s_",{"t":{"s":[2303,22,783,19,487]},"w":{}});
