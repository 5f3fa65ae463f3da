WijkkompasZoek.deel("t/ko",{"t":{"kok":[2813,0,1483],"kookt":[2813,0,399]},"w":{"koken":"kok"}});
