# Two commands: `make run` (set up and serve on SQLite) and `make test` (set up and run every test).
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
DEMO_PASSWORD ?= bromley-improves-2023
export DEMO_PASSWORD

.PHONY: run test setup deps assets migrate demo lint format backup restore clean

run: export DEBUG ?= 1
run: setup demo
	@echo ""
	@echo "Improvement tracker: http://127.0.0.1:$(PORT)/"
	@echo "Sign in as admin, leader, staff, staff2 or essex.leader with the password: $(DEMO_PASSWORD)"
	@echo ""
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: deps assets
	$(VENV)/bin/pytest $(PYTEST_ARGS)

setup: deps assets migrate

$(VENV)/bin/activate:
	python3 -m venv $(VENV)

$(VENV)/.installed: $(VENV)/bin/activate requirements.txt requirements-dev.txt
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements-dev.txt
	touch $@

deps: $(VENV)/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

static/build/.built: node_modules/.installed assets/build.mjs $(wildcard assets/scss/*.scss assets/js/*)
	npm run --silent build
	touch $@

assets: static/build/.built

migrate: export DEBUG ?= 1
migrate: deps
	$(PY) manage.py migrate --no-input

demo: export DEBUG ?= 1
demo: migrate
	$(PY) manage.py load_demo_data

lint: deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: deps
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) node_modules static/build staticfiles db.sqlite3
