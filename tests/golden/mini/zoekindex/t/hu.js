WijkkompasZoek.deel("t/hu",{"t":{"huis":[2303,9,1040,0,219],"huiskamer":[2813,0,1913],"hulp":[2813,16,779]},"w":{}});
