# Coöperatieve Stad: `make run` serves a development site with a task worker, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

CATALOGUES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))

NODE_TOOLS := node_modules/.installed

.PHONY: run test lint typecheck check setup messages makemessages migrate demo lock clean bench screenshots

# Links in mails, calendars, canonical links, JSON-LD and the sitemap follow the address
# served on (make run PORT=8101), unless SITE_URL is set.
# The site and a task worker (mails, scheduled jobs) run together from Procfile.dev.
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: setup messages migrate demo
	VENV_PYTHON=$(BIN)/python ADDRESS=$(HOST):$(PORT) $(BIN)/python -m honcho --procfile Procfile.dev start

test: setup messages $(NODE_TOOLS)
	$(BIN)/pytest $(PYTEST_ARGS)

# axe-core and the Nu Html Checker (vnu.jar) for tests/browser, pinned in package-lock.json.
# Without npm those checks skip with a reason (CI installs npm and makes them required).
$(NODE_TOOLS): package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && touch $@; \
	else echo "npm is missing (apt-get install npm): the accessibility and HTML checks will skip"; fi

# The main pages at phone and desktop width, in Chromium, as PNGs in docs/screenshots/.
screenshots: setup messages
	$(BIN)/pytest -q -p no:cacheprovider tests/browser/screenshots.py

# Compiled catalogues are built, not committed; Babel compiles them without GNU gettext.
messages: $(CATALOGUES)

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po $(STAMP)
	$(BIN)/pybabel --quiet compile --input-file $< --output-file $@

# Refresh the catalogues from the code and templates (needs GNU gettext: apt-get install gettext).
# templates/account/ overrides allauth pages with allauth's own (English) strings: allauth translates them.
makemessages: setup
	rm -f locale/nl/LC_MESSAGES/django.po  # rebuilt whole below, so no fuzzy guesses linger
	$(BIN)/python manage.py makemessages --locale nl --locale en --no-obsolete --ignore ".venv/*" --ignore "tests/*" --ignore "templates/account/*"
	# Dutch is the source language: each Dutch message translates to itself.
	msgen --output-file=locale/nl/LC_MESSAGES/django.po locale/nl/LC_MESSAGES/django.po
	# The header is marked fuzzy by makemessages; Babel would skip a fuzzy catalogue.
	sed -i '1,8{/^#, fuzzy$$/d}' locale/*/LC_MESSAGES/django.po

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

typecheck: setup
	$(BIN)/mypy

check: setup
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

setup: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --constraint requirements.lock --editable ".[dev]"
	touch $(STAMP)

# Throughput and latency of the public pages under gunicorn with PostgreSQL (README → Performance).
bench: setup messages
	bash .ci/bench

migrate: setup
	$(BIN)/python manage.py migrate --no-input

demo: setup
	$(BIN)/python manage.py load_demo

# Re-pin every dependency to the newest version that pyproject.toml allows.
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet ".[dev]"
	.lock-venv/bin/python -m pip freeze --exclude cooperatieve-stad > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache node_modules test-results
