WijkkompasZoek.deel("t/sl",{"t":{"slaagkan":[2813,13,545]},"w":{"slaagkans":"slaagkan"}});
