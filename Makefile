# Torg: `make run` starts the demo municipality; `make test` runs every check.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
export DJANGO_SETTINGS_MODULE ?= torg.settings.dev

.PHONY: run test bench totp setup system-packages lint types unit browser messages lock clean

$(VENV)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

system-packages:
	@scripts/system-packages.sh

setup: system-packages $(VENV)/.installed messages

messages:
	cd torg && ../$(BIN)/python ../manage.py compilemessages --verbosity 0

## run: migrate, load the demo municipality on first run, start web server + worker.
run: setup
	PORT=$(PORT) $(BIN)/python manage.py torg_run

## test: lint, types, unit and browser tests (PostgreSQL when DATABASE_URL is set).
test: setup
	scripts/test.sh

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types:
	$(BIN)/mypy

unit:
	DJANGO_SETTINGS_MODULE=torg.settings.test $(BIN)/pytest -m "not browser"

browser:
	DJANGO_SETTINGS_MODULE=torg.settings.test $(BIN)/pytest -m browser

## bench: performance figures, each with its reference in the same run.
bench: setup
	status=0; \
	$(BIN)/python bench/web.py || status=1; \
	$(BIN)/python bench/klarsprak.py || status=1; \
	$(BIN)/python bench/inquiries.py || status=1; \
	exit $$status

lock:
	$(BIN)/pip install --quiet -r requirements.in
	$(BIN)/pip freeze --exclude-editable > requirements.txt

clean:
	rm -rf $(VENV) var

## totp: the current second-factor codes of the demo users.
totp: setup
	$(BIN)/python manage.py demo_totp
