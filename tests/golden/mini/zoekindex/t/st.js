WijkkompasZoek.deel("t/st",{"t":{"stap":[2303,4,1913,23,474],"stapp":[2303,21,787,16,450],"stichting":[2813,0,399]},"w":{"stappen":"stapp"}});
