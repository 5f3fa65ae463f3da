WijkkompasZoek.deel("t/ki",{"t":{"kiez":[2813,16,779]},"w":{"kiezen":"kiez"}});
