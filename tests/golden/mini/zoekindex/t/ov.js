WijkkompasZoek.deel("t/ov",{"t":{"over":[2813,0,399]},"w":{"overheid":"over"}});
