# Bring It On: `make run` starts the app, `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000
CHROMIUM := /usr/bin/chromium
export FLASK_APP := tracker
# The app's public address defaults to http://HOST:PORT (BASE_URL overrides it).
export HOST PORT

.PHONY: run install install-test install-tools chromium axe test test-only lint format bench audit icons clean

run: install
	$(BIN)/flask --app tracker db upgrade
	@echo "Bring It On on http://$(HOST):$(PORT)"
	@# The reminder process runs beside the web server, and stops (SIGTERM) when it stops.
	$(BIN)/flask --app tracker reminders run & reminders=$$!; \
	trap 'kill -TERM $$reminders 2>/dev/null; wait $$reminders 2>/dev/null' EXIT; \
	trap 'exit 130' INT TERM; \
	$(BIN)/gunicorn --config python:tracker.gunicorn_config --bind $(HOST):$(PORT) wsgi:app

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(VENV)/.installed-run
$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

install-test: $(VENV)/.installed-test
$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@ $(VENV)/.installed-run

# Browser tests drive Debian's Chromium (Playwright's own download does not work offline).
chromium:
	@test -x $(CHROMIUM) || { \
		echo "Installing Debian's chromium for the browser tests"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

# The accessibility tests inject axe-core (npm) into every page.
AXE := $(VENV)/axe/node_modules/axe-core/axe.min.js
axe: $(AXE)
$(AXE): | $(BIN)/python
	npm install --silent --no-audit --no-fund --prefix $(VENV)/axe axe-core@4.14.1

test: install-test chromium axe lint test-only

# PYTEST_ARGS narrows a run, e.g. PYTEST_ARGS="--ignore=tests/core" (no database in there).
test-only: install-test
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install-test
	$(BIN)/python bench/run_all.py

# The tools for people (tools/): Playwright to drive Chromium, Pillow to read and write images.
install-tools: $(VENV)/.installed-tools
$(VENV)/.installed-tools: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[tools]'
	@touch $@ $(VENV)/.installed-run

# Lighthouse on the sign-in and Today pages (needs Node 18+ and npm; installs into .venv).
audit: install-tools chromium
	$(BIN)/python tools/audit.py

# Every PNG icon and the favicon from the master drawing static/icons/icon.svg.
icons: install-tools chromium
	$(BIN)/python tools/render_icons.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
