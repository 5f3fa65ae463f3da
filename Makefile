# Wijkkompas — the two commands in the README are `make site` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site site-offline open serve test fuzz check schema sjablonen bench eval audit vingerafdruk clean help

help:
	@echo "make site    - installeer (eenmalig) en bouw de hele site in site/"
	@echo "make open    - bekijk de gebouwde site op http://127.0.0.1:8001/wijkkompas/"
	@echo "make serve   - live voorvertoning op http://127.0.0.1:8000"
	@echo "make site-offline - een kopie in site-offline/ die zonder internet werkt (workshops)"
	@echo "make test    - alle tests (unit, build, browser)"
	@echo "make fuzz    - de eigenschapstest op gemuteerde inhoud, met veel meer voorbeelden"
	@echo "make check   - controleer alleen de inhoud"
	@echo "make bench   - meet bouwtijd en groottes bij 100, 1.000 en 10.000 casussen"
	@echo "make vingerafdruk - werk de vingerafdruk van de bronteksten in tests/ bij (alleen met ../shared/seeds)"
	@echo "make audit   - Lighthouse (mobiel) en axe-core op de gebouwde site; tabel in bench/audit.md"
	@echo "make eval    - meet de kwaliteit van het advies en van het zoeken (hit@1, hit@3, MRR, spreiding, bytes)"

# (Re)install when the dependencies change: one line of progress, the whole log
# (.venv/installatie.log) only when something fails.
$(STAMP): pyproject.toml
	@echo "Installeren in $(VENV)/ (eenmalig, een paar minuten) ..."
	@$(PYTHON) -m venv $(VENV)
	@{ $(BIN)/pip install --upgrade pip && $(BIN)/pip install -e '.[test]'; } > $(VENV)/installatie.log 2>&1 \
	  || { cat $(VENV)/installatie.log; echo "Installeren is mislukt; zie hierboven (ook in $(VENV)/installatie.log)." >&2; exit 1; }
	@touch $(STAMP)
	@echo "Geïnstalleerd."

site: $(STAMP)
	$(BIN)/wijkkompas build
	@echo "De opdracht 'wijkkompas' staat in $(BIN)/; met '. $(BIN)/activate' kunt u hem zonder pad typen."

site-offline: $(STAMP)
	$(BIN)/wijkkompas build --offline

# The built site on http://127.0.0.1:8001/wijkkompas/, as the public host serves it (Ctrl-C stops).
open: $(STAMP)
	$(BIN)/wijkkompas open

# The live preview at the root of 127.0.0.1:8000 (generator/publish/preview.py): one warm rebuild per save.
serve: $(STAMP)
	$(BIN)/wijkkompas serve

check: $(STAMP)
	$(BIN)/wijkkompas check

schema: $(STAMP)
	$(BIN)/wijkkompas schema

# The copy-and-paste templates for editors in the web interface (templates/sjablonen/).
sjablonen: $(STAMP)
	$(BIN)/wijkkompas new casus "Naam van de casus" --stdout > templates/sjablonen/casus.yml
	$(BIN)/wijkkompas new tip "Titel van de tip" --stdout > templates/sjablonen/tip.yml
	$(BIN)/wijkkompas new begrip "Het begrip" --stdout > templates/sjablonen/begrip.yml

test: $(STAMP)
	$(BIN)/python -m pytest

# Build time, memory and sizes at 100, 1,000 and 10,000 synthetic cases (about 20 minutes);
# writes bench/results.json, the table in bench/README.md and bench/tijd.png.
bench: $(STAMP)
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python -m bench.run

# Quality of the advice's ranking (bench/eval_advies.py); each harness is one line
# of EVALS, run in turn.
EVALS := bench.eval_advies bench.eval_zoeken
eval: $(STAMP)
	@set -e; for harness in $(EVALS); do $(BIN)/python -m $$harness; echo; done

# Lighthouse and axe-core on the built site, served as the public host serves it
# (bench/audit.py; Lighthouse from npm into bench/.audit/). Minutes; not in make test.
audit: site
	$(BIN)/python -m bench.audit

clean:
	rm -rf build site site-offline

# The property test over mutations of the real content, with many more examples
# than `make test` (1,000): WIJKKOMPAS_FUZZ=100000 make fuzz for a night's run.
fuzz: $(STAMP)
	WIJKKOMPAS_FUZZ=$${WIJKKOMPAS_FUZZ:-20000} $(BIN)/python -m pytest tests/test_properties.py -q \
		-k "whatever_check_accepts" --hypothesis-show-statistics

# What the source tests need from ../shared/seeds, without their text (tests/bronvingerafdruk.py);
# run after a source text changes, then commit tests/bronnen-*.
vingerafdruk: $(STAMP)
	$(BIN)/python tests/bronvingerafdruk.py
