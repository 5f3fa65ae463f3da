# Wijkkompas — the two commands in the README are `make site` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site site-offline serve test check schema clean help

help:
	@echo "make site    - installeer (eenmalig) en bouw de hele site in site/"
	@echo "make serve   - live voorvertoning op http://127.0.0.1:8000"
	@echo "make site-offline - een kopie in site-offline/ die zonder internet werkt (workshops)"
	@echo "make test    - alle tests (unit, build, browser)"
	@echo "make check   - controleer alleen de inhoud"

# (Re)install when the dependencies change.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/wijkkompas build

site-offline: $(STAMP)
	$(BIN)/wijkkompas build --offline

serve: $(STAMP)
	$(BIN)/wijkkompas generate
	$(BIN)/mkdocs serve

check: $(STAMP)
	$(BIN)/wijkkompas check

schema: $(STAMP)
	$(BIN)/wijkkompas schema

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf build site site-offline
