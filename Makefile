# Redress developer commands. GNU make.
#
#   make run     venv, dependencies, assets, migrations, demo data; serves http://127.0.0.1:8000
#   make test    the whole test suite on every core (SQLite, or DATABASE_URL's PostgreSQL; TEST_WORKERS=0 for one process)
#   make lint    ruff check, ruff format --check, mypy, lint-imports (the layers)
#   make bench   the deadline engine's benchmark
#   make bench-web  the web service on a national caseload (PostgreSQL; CHILDREN=1000000)
#   make clean   remove the venv, node_modules, caches and collected static files (keeps var/*.sqlite3)
#
# Work is skipped when nothing changed: stamp files record the pyproject.toml and
# package-lock.json that were last installed, and that the demo data was loaded.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DEPS_STAMP := $(VENV)/.deps-installed
ASSETS_STAMP := node_modules/.npm-ci-done
DEMO_STAMP := var/.demo-data-loaded
HOST_PORT ?= 127.0.0.1:8000

.PHONY: help run test lint bench bench-web clean deps assets

help:
	@sed -n 's/^#   //p' $(MAKEFILE_LIST)

$(PY):
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; Redress needs Python 3.11 or newer (set PYTHON=/path/to/python3.11)." >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || { echo "error: Redress needs Python 3.11 or newer; $(PYTHON) is $$($(PYTHON) -c 'import platform; print(platform.python_version())'). Set PYTHON=/path/to/python3.11 or newer." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(DEPS_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

$(ASSETS_STAMP): package-lock.json package.json
	@command -v npm >/dev/null 2>&1 || { echo "error: npm not found; install Node.js (18 or newer) and npm." >&2; exit 1; }
	npm ci --no-audit --no-fund
	@touch $@

deps: $(DEPS_STAMP)

assets: $(ASSETS_STAMP)

run: deps assets
	@mkdir -p var
	@if [ -z "$$DATABASE_URL" ] && [ ! -f var/redress.sqlite3 ]; then rm -f $(DEMO_STAMP); fi
	$(PY) -m redress migrate --noinput
	@if [ ! -f $(DEMO_STAMP) ]; then $(PY) -m redress load_demo_data --verbosity 0 && touch $(DEMO_STAMP); fi
	@$(PY) -m redress load_demo_data --logins
	$(PY) -m redress runserver $(HOST_PORT)

# pytest-xdist (a dev dependency) runs the tests on every core, a test database for each worker;
# one test file stays on one worker, so a module's shared data is built once. TEST_WORKERS=0
# runs them in one process.
TEST_WORKERS ?= auto
test: deps assets
	@if [ "$(TEST_WORKERS)" != 0 ] && $(PY) -c 'import xdist' 2>/dev/null; then \
		echo "$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile"; \
		$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile; \
	else \
		echo "$(PY) -m pytest"; \
		$(PY) -m pytest; \
	fi

lint: deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy redress
	$(VENV)/bin/lint-imports

bench: deps
	$(PY) -m bench

CHILDREN ?= 1000000
bench-web: deps assets
	$(PY) -m bench web --children $(CHILDREN)

clean:
	rm -rf $(VENV) node_modules var/static $(DEMO_STAMP) .pytest_cache .mypy_cache .ruff_cache .hypothesis build dist *.egg-info
	find . -name __pycache__ -type d -prune -not -path './.git/*' -exec rm -rf {} +
