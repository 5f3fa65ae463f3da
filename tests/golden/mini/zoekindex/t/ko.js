WijkkompasZoek.deel("t/ko",{"t":{"kok":[2813,0,1487],"kookt":[2813,0,399],"kort":[2813,12,515]},"w":{"koken":"kok","korte":"kort"}});
