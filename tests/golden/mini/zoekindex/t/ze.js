WijkkompasZoek.deel("t/ze",{"t":{"zev":[2303,13,545,20,458]},"w":{"zeven":"zev"}});
