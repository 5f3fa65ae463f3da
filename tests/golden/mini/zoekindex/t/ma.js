WijkkompasZoek.deel("t/ma",{"t":{"maaltijd":[2303,5,1412,0,878]},"w":{"maaltijden":"maaltijd"}});
