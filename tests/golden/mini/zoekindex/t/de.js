WijkkompasZoek.deel("t/de",{"t":{"deelnemer":[2813,0,399],"del":[2813,7,1799],"denkkader":[2813,18,582]},"w":{"deel":"del","deelnemers":"deelnemer","delen":"del","denkkaders":"denkkader"}});
