# Two commands on a fresh machine: `make run` and `make test`. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Django 6.1 needs Python 3.12+. Many machines answer `python3` with an older one, so look
# for a suitable interpreter: python3.14 ... python3.12 on PATH, then pyenv's versions.
PYTHON ?= $(shell \
	for p in python3.14 python3.13 python3.12 \
	  $$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV) \
	  python3; do \
	  if $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
	    command -v $$p 2>/dev/null || echo $$p; break; \
	  fi; \
	done)

VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= campaign.settings
# The test suite's PostgreSQL pass; override to point at another server.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/postgres

.PHONY: which-python prepare help run dev test test-sqlite test-postgres journeys lint format messages bench moderators clean python deploy-check

help:
	@echo "make run     install, migrate, load the memorial content, serve on http://127.0.0.1:$(PORT)"
	@echo "make dev     the same with Django's development server and DEBUG on"
	@echo "make test    checks, lint, the test suite on SQLite then PostgreSQL, then the journeys"
	@echo "make journeys  only the end-to-end journeys (gunicorn, Chromium, SMTP; see README)"
	@echo "make lint    ruff check, ruff format --check and mypy"
	@echo "make format  ruff format and ruff check --fix"
	@echo "make messages  regenerate and compile the translation catalogs (needs GNU gettext)"
	@echo "make bench   the load benchmark (writes docs/BENCHMARKS.md)"
	@echo "make deploy-check  before a host serves a new release: check --deploy, migrations, cache"

which-python: python
	@echo $(PYTHON)

python:
	@if [ -z "$(PYTHON)" ]; then \
	  echo "No Python 3.12 or newer found (python3.12, python3.13 or pyenv)." >&2; \
	  echo "Install one: 'apt install python3.12 python3.12-venv', 'brew install python@3.13'," >&2; \
	  echo "'pyenv install 3.13', or download from python.org; or run: make PYTHON=/path/to/python3.12 ..." >&2; \
	  exit 1; \
	fi

# xstatic-bootstrap ships only a source archive whose setup.py imports pkg_resources, which
# setuptools 81 removed: build it against an older setuptools inside the venv.
$(VENV)/.runtime: requirements.txt | python
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install "setuptools<81" wheel
	$(PIP) install --no-build-isolation -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PIP) install --no-build-isolation -r requirements-dev.txt
	touch $@

var/secret_key:
	mkdir -p var
	umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

# Links in e-mails and canonical addresses must point at the port actually served.
SITE_URL ?= http://127.0.0.1:$(PORT)
PROD_ENV := DJANGO_SECRET_KEY_FILE=$(CURDIR)/var/secret_key SITE_URL=$(SITE_URL)

prepare: $(VENV)/.runtime var/secret_key
	$(PROD_ENV) $(PY) manage.py migrate --noinput
	$(PROD_ENV) $(PY) manage.py collectstatic --noinput -v 0
	$(PROD_ENV) $(PY) manage.py load_memorial
	$(PROD_ENV) $(PY) manage.py load_petition

run: prepare
	@echo "Serving on http://127.0.0.1:$(PORT)/ (Ctrl-C stops)"
	$(PROD_ENV) PORT=$(PORT) $(VENV)/bin/gunicorn -c campaign/gunicorn_conf.py campaign.wsgi

dev: prepare
	$(PROD_ENV) DJANGO_DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Before a host serves a new release (README.md, "Upgrading"): the production checks, every
# migration applied, and what the cache needs. It checks the environment the services run with:
# on a host of the reference deployment, /etc/zhanaozen/env through deploy/manage.sh (as root);
# elsewhere this shell's, with make run's secret key when it names none.
REFERENCE_HOST := $(wildcard /etc/zhanaozen/env)
DEPLOY_MANAGE ?= $(if $(REFERENCE_HOST),deploy/manage.sh,\
  DJANGO_SECRET_KEY_FILE=$${DJANGO_SECRET_KEY_FILE:-$(CURDIR)/var/secret_key} $(PY) manage.py)

MIGRATE_FIRST := deploy-check: the database lacks migrations of this release: run migrate \
  once, on one host, first (README.md, Upgrading)

deploy-check: $(VENV)/.runtime $(if $(REFERENCE_HOST),,var/secret_key)
	$(DEPLOY_MANAGE) check --deploy --fail-level WARNING
	$(DEPLOY_MANAGE) migrate --check || { echo "$(MIGRATE_FIRST)" >&2; exit 1; }
	$(DEPLOY_MANAGE) release_cache

moderators: $(VENV)/.runtime var/secret_key
	$(PROD_ENV) $(PY) manage.py create_staff

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: $(VENV)/.dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# The .mo files are committed, so `make run` and `make test` never need GNU gettext.
messages: $(VENV)/.dev var/secret_key
	$(PROD_ENV) $(PY) manage.py makemessages -l ru -l kk --no-obsolete --add-location file \
	  --ignore=var --ignore=tests --ignore=bench
	$(PROD_ENV) $(PY) manage.py compilemessages --ignore='.*' --ignore=var

TEST_ENV := DJANGO_SETTINGS_MODULE=tests.settings

test: $(VENV)/.dev
	$(TEST_ENV) $(PY) manage.py check --fail-level WARNING
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres
	$(MAKE) --no-print-directory journeys

test-sqlite: $(VENV)/.dev
	@echo "== pytest on SQLite"
	$(TEST_ENV) $(PY) -m pytest --ignore=tests/journeys $(PYTEST_ARGS)

# On a laptop without PostgreSQL this pass is skipped with a message; CI (CI=true) never skips.
test-postgres: $(VENV)/.dev
	@if $(PY) -c 'import sys, psycopg; psycopg.connect(sys.argv[1], connect_timeout=3).close()' "$(TEST_DATABASE_URL)" 2>/dev/null; then \
	  echo "== pytest on PostgreSQL ($(TEST_DATABASE_URL))"; \
	  $(TEST_ENV) DATABASE_URL=$(TEST_DATABASE_URL) $(PY) -m pytest --ignore=tests/journeys $(PYTEST_ARGS); \
	elif [ -n "$$CI" ]; then \
	  echo "PostgreSQL is not reachable at $(TEST_DATABASE_URL); CI does not skip this pass." >&2; exit 1; \
	else \
	  echo "== SKIPPED: pytest on PostgreSQL: no server at $(TEST_DATABASE_URL) (set TEST_DATABASE_URL)"; \
	fi

# Once per `make test`, not in each pass: the journeys pick their own databases (SQLite, and a
# fresh one on TEST_DATABASE_URL); see tests/journeys/conftest.py.
journeys: $(VENV)/.dev
	@echo "== journeys: production server, Chromium, SMTP; embedded, then scale-out"
	$(TEST_ENV) TEST_DATABASE_URL=$(TEST_DATABASE_URL) $(PY) -m pytest tests/journeys $(PYTEST_ARGS)

bench: $(VENV)/.dev
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) var/static
