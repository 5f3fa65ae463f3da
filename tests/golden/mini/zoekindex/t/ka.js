WijkkompasZoek.deel("t/ka",{"t":{"kader":[2813,18,765]},"w":{"kaders":"kader"}});
