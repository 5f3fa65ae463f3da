WijkkompasZoek.deel("t/ve",{"t":{"veren":[2813,1,886],"vergrot":[2813,13,547],"verzonn":[2813,11,1458]},"w":{"vereniging":"veren","vergroten":"vergrot","verzonnen":"verzonn"}});
