# The two commands of the README, and the checks behind them.
#   make demo   set everything up and serve the example web business hall on localhost
#   make test   set everything up and run every check (lint, types, layers, tests, docs)
# Both bootstrap their own tools: uv is installed with pip into .tools/, the workspace into
# .venv/ from the committed uv.lock. Nothing needs a second manual step.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
SYNCED := $(VENV)/.synced
RUN := $(UV) run --frozen --no-sync

# uv uses this machine's interpreter and never downloads a Python build.
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := $(shell $(PYTHON) -c 'import sys; print(sys.executable)')
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: help setup demo walkthrough test lint typecheck layers unit coverage docs bench faults clean \
	i18n-pot i18n-extract i18n-compile

help:
	@echo "make demo   - serve the example web business hall (SQLite) on http://127.0.0.1:8000/"
	@echo "make test   - every check: lint, types, import layers, tests, docs"
	@echo "make coverage - the tests with branch coverage (report; fails under the floor)"
	@echo "make faults - the fault tests, long: killed server, PostgreSQL restarts, full disk"
	@echo "make walkthrough | lint | typecheck | layers | unit | coverage | docs | bench | faults | clean"
	@echo "make i18n-extract | i18n-compile - the page catalogues (adapters/web/.../locale)"

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(SYNCED): $(UV) uv.lock pyproject.toml $(wildcard adapters/*/pyproject.toml)
	$(UV) sync --frozen --all-packages --all-extras
	touch $@

setup: $(SYNCED)
	$(MAKE) -s i18n-compile

# UNICOM_DEMO_DB (default .run/demo.sqlite3) and UNICOM_DEMO_PORT (default 8000) change it.
demo: $(SYNCED)
	$(RUN) python examples/business_hall/serve.py

# The console walk-through of the foundations (money, numbers, the calendar).
walkthrough: $(SYNCED)
	$(RUN) python examples/business_hall/walkthrough.py

lint: $(SYNCED)
	$(RUN) ruff check .
	$(RUN) ruff format --check .

typecheck: $(SYNCED)
	$(RUN) mypy

layers: $(SYNCED)
	$(RUN) lint-imports

unit: $(SYNCED)
	bash scripts/run-tests.sh

# The same suite under coverage.py's tracer: the report, and a failure under
# [tool.coverage.report] fail_under (pyproject.toml).
coverage: $(SYNCED)
	bash scripts/run-tests.sh --cov --cov-branch --cov-report=term-missing:skip-covered

docs: $(SYNCED)
	$(RUN) sphinx-build -W --keep-going -q -b html docs docs/_build/html

bench: $(SYNCED)
	bash scripts/run-bench.sh

# The fault tests of tests/faults at UNICOM_FAULTS_SCALE=10 (`make test` runs them short).
faults: $(SYNCED)
	bash scripts/run-faults.sh

test: lint typecheck layers unit docs
	@echo "make test: every check passed"

clean:
	rm -rf $(VENV) $(TOOLS) .run docs/_build .coverage .pytest_cache .mypy_cache .ruff_cache

# The page catalogues (docs/how-to/translate-the-hall.md): extract the keys the code and the
# templates use into messages.pot, bring every messages.po up to it (no fuzzy guesses: a new
# key arrives empty and the completeness test names it), and compile each .po into the .mo
# next to it (git ignores *.mo; the wheel's build hook compiles its own; the hall compiles a
# missing or older .mo in memory).
LOCALE := adapters/web/src/unicom_web/locale
PYBABEL := $(RUN) pybabel

i18n-pot: $(SYNCED)
	mkdir -p $(LOCALE)
	$(PYBABEL) -q extract -F adapters/web/babel.cfg --no-default-keywords -k t \
		--no-location --sort-output --width 100 --project unicom-web --version 0.1.0 \
		--copyright-holder "The unicom_core developers" -o $(LOCALE)/messages.pot adapters/web

i18n-extract: i18n-pot
	$(PYBABEL) -q update -i $(LOCALE)/messages.pot -d $(LOCALE) -D messages \
		--no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date --width 100

i18n-compile: $(SYNCED)
	$(PYBABEL) -q compile -d $(LOCALE) -D messages --statistics
