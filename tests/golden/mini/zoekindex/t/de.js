WijkkompasZoek.deel("t/de",{"t":{"deelnemer":[2813,0,399],"del":[2813,7,1800],"denkkader":[2813,18,583]},"w":{"deel":"del","deelnemers":"deelnemer","delen":"del","denkkaders":"denkkader"}});
