WijkkompasZoek.deel("t/wa",{"t":{"waarom":[2303,2,854,3,854],"waarop":[2303,14,565,22,515],"war":[2813,4,886]},"w":{"waar":"war"}});
