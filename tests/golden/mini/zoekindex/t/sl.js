WijkkompasZoek.deel("t/sl",{"t":{"slaagkan":[2813,13,547]},"w":{"slaagkans":"slaagkan"}});
