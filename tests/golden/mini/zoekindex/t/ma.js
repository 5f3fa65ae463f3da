WijkkompasZoek.deel("t/ma",{"t":{"maaltijd":[2303,5,1407,0,878]},"w":{"maaltijden":"maaltijd"}});
