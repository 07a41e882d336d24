# Hearth — the two commands a fresh machine needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.13 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export HEARTH_DEBUG ?= 1

.PHONY: run test lint format migrations-check messages install migrate demo reset-demo \
        compilemessages browser-test clean bench

$(VENV)/.installed: requirements-dev.lock
	$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 13), "Hearth needs Python 3.13"'
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed

compilemessages: install
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v0

migrate: install
	$(PY) manage.py migrate --noinput -v0

demo: migrate compilemessages
	$(PY) manage.py load_demo

## Set everything up and serve Hearth with demo data on SQLite at http://127.0.0.1:$(PORT)
run: demo
	@echo "Hearth: http://127.0.0.1:$(PORT)/"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

## Lint, then every test (unit, integration, browser). DATABASE_URL selects PostgreSQL.
test: lint migrations-check compilemessages
	HEARTH_DEBUG=0 $(PY) -m pytest -n auto $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

migrations-check: install
	$(PY) manage.py makemigrations --check --dry-run -v1

## Update the four catalogs from the source (then translate what is new).
messages: install
	$(PY) manage.py makemessages -l fr -l da -l pt_BR -l en --no-obsolete --ignore=.venv --ignore=node_modules --ignore=staticfiles --add-location=file
	@# English is the source language: every entry is its own translation, none left fuzzy.
	msgattrib --clear-fuzzy --empty --clear-previous locale/en/LC_MESSAGES/django.po | msgen -o locale/en/LC_MESSAGES/django.po -

reset-demo: install
	rm -f db.sqlite3 db.sqlite3-shm db.sqlite3-wal
	$(MAKE) demo

browser-test: install compilemessages
	HEARTH_DEBUG=0 $(PY) -m pytest -m browser $(PYTEST_ARGS)

## Time the busiest pages on PERSONS persons (default 20,000) with years of records: a scratch
## SQLite file in bench/results/, or DATABASE_URL=postgres://…/hearth_bench (created if missing).
PERSONS ?= 20000
BENCH_URL = $(or $(DATABASE_URL),sqlite:///$(CURDIR)/bench/results/bench.sqlite3)
bench: install
	DATABASE_URL=$(BENCH_URL) $(PY) -m bench.scratch
	DATABASE_URL=$(BENCH_URL) $(PY) manage.py migrate --noinput -v0 --skip-checks
	DATABASE_URL=$(BENCH_URL) $(PY) manage.py fill_bench --persons $(PERSONS) $(BENCH_ARGS)
	DATABASE_URL=$(BENCH_URL) $(PY) manage.py run_bench

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3*
