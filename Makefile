# Khuyến Học — one entry point for set-up, running and testing (see README.md).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: run test test-pg fuzz lint fmt e2e-deps pg-deps bench serve worker clean

# The virtualenv is rebuilt whenever the lock file or the project metadata changes.
$(VENV)/.installed: requirements.txt requirements-data.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install -q --disable-pip-version-check --no-deps -r requirements-data.txt
	$(BIN)/pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# Front-end packages (HTMX) pinned in package-lock.json, fetched from the npm registry.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Real-browser tests drive Debian's chromium through Playwright, and the PDF tests render pages with
# poppler's pdftoppm; install them once if they are missing.
e2e-deps:
	@command -v chromium >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 || { \
	  echo "Installing Debian chromium and poppler-utils for the browser and PDF tests..."; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils) >/dev/null; }

# The backup tests on PostgreSQL run pg_dump and pg_restore (khuyenhoc backup / restore); a client at
# least as new as the server is needed (postgresql-client-<major> when the server is newer than Debian's).
pg-deps:
	@command -v pg_dump >/dev/null 2>&1 && command -v pg_restore >/dev/null 2>&1 || { \
	  echo "Installing Debian postgresql-client for the backup tests..."; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client) >/dev/null; }

# `make run` is a developer's machine: KHUYENHOC_DEV=1 lets it use the repository's local secret key and
# localhost hosts with DEBUG off; without it (production) settings.py refuses to start (docs/deploy.md).
run: export KHUYENHOC_DEV ?= 1
run: $(VENV)/.installed node_modules/.installed
	mkdir -p var
	$(BIN)/khuyenhoc migrate --noinput
	$(BIN)/khuyenhoc seed_demo
	@# The background worker (large imports) runs beside the server and stops with it.
	$(BIN)/khuyenhoc db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/khuyenhoc runserver --noreload $(HOST):$(PORT)

test: $(VENV)/.installed node_modules/.installed e2e-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/khuyenhoc makemigrations --check --dry-run --settings=khuyenhoc.settings_test
	$(BIN)/pytest

# The same suite against PostgreSQL (DATABASE_URL must name a postgres:// database).
test-pg: $(VENV)/.installed node_modules/.installed e2e-deps pg-deps
	$(BIN)/pytest

# Schemathesis against the API of a live server on a fresh database (DATABASE_URL; default SQLite).
fuzz: $(VENV)/.installed
	BIN=$(BIN) .ci/fuzz

fmt: $(VENV)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

lint: test

bench: $(VENV)/.installed
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) node_modules
