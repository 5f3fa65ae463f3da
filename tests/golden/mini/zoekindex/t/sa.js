WijkkompasZoek.deel("t/sa",{"t":{"sam":[2303,10,1967,0,1964],"samenhang":[2813,19,487],"samenredzam":[2813,10,2047]},"w":{"samen":"sam","samenhangen":"samenhang","samenredzaamheid":"samenredzam"}});
