WijkkompasZoek.deel("t/ve",{"t":{"veren":[2813,1,886],"vergrot":[2813,13,545],"verzonn":[2813,11,1454]},"w":{"vereniging":"veren","vergroten":"vergrot","verzonnen":"verzonn"}});
