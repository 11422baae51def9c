# Everyday verbs. `make run` and `make test` work on a fresh clone.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
PORT ?= 8000
MANAGE := $(PY) manage.py
# Tests must not pick up a developer's DEBUG or broker by accident.
TEST_ENV := DEBUG=0 CELERY_BROKER_URL=

.PHONY: run install migrate demo test e2e lint format messages compilemessages check clean bench

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q ".[test]"
	touch $@

install: $(VENV)/.installed

compilemessages: install
	DEBUG=1 $(MANAGE) compilemessages --ignore=.venv -v 0

migrate: install compilemessages
	DEBUG=1 $(MANAGE) migrate --no-input -v 0

demo: migrate
	DEBUG=1 $(MANAGE) seed_demo

run: demo
	@echo "Serving the portal on http://127.0.0.1:$(PORT)/ (Celery runs eagerly)"
	DEBUG=1 CELERY_BROKER_URL= $(MANAGE) runserver 127.0.0.1:$(PORT)

test: compilemessages
	$(TEST_ENV) $(PY) -m pytest -m "not e2e" -n auto -q $(ARGS)

e2e: compilemessages
	$(TEST_ENV) $(PY) -m pytest -m e2e -q -p no:xdist $(ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates --lint
	DEBUG=1 $(MANAGE) makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Extract every string to locale/ar and locale/fr (source strings are English).
messages: install
	DEBUG=1 $(MANAGE) makemessages -l ar -l fr --ignore=.venv --ignore=staticfiles --ignore=tests --no-obsolete
	DEBUG=1 $(MANAGE) makemessages -d djangojs -l ar -l fr --ignore=.venv --ignore=staticfiles --ignore=static/vendor --no-obsolete

check: install
	DEBUG=1 $(MANAGE) check

# Every benchmark in bench/ on its own database, then one table (bench/run_all.py; ~15 min on
# 2 cores; PostgreSQL on 127.0.0.1, Redis, wrk). BENCH_SCALE=1 for the full seed_volume.
bench: install compilemessages
	$(PY) bench/run_all.py $(ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles media
