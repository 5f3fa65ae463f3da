WijkkompasZoek.deel("t/ze",{"t":{"zev":[2303,13,547,20,462]},"w":{"zeven":"zev"}});
