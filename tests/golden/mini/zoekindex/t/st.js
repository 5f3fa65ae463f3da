WijkkompasZoek.deel("t/st",{"t":{"stap":[2303,4,1913,23,471],"stapp":[2303,21,787,16,446],"stichting":[2813,0,399]},"w":{"stappen":"stapp"}});
