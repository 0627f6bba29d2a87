# Two commands: `make run` (set up and serve on SQLite) and `make test` (set up and run every test).
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
DEMO_PASSWORD ?= bromley-improves-2023
export DEMO_PASSWORD

.PHONY: run dev test setup deps assets migrate demo lint format backup restore export-json import-json clean bench bench-reminders bench-import bench-board-pack reliability

# `make run` serves the product as people meet it: debug off, so its own error pages, and a secret key
# generated into .secret_key (bromley_tracker/settings_local.py). `make dev` keeps Django's debug pages.
LOCAL := DJANGO_SETTINGS_MODULE=bromley_tracker.settings_local $(PY) manage.py

run: deps assets
	$(LOCAL) migrate --no-input
	$(LOCAL) load_demo_data
	$(LOCAL) load_demo_measures
	@echo ""
	@echo "Improvement tracker: http://127.0.0.1:$(PORT)/"
	@echo "Sign in as one of the demo accounts above with the password: $(DEMO_PASSWORD)"
	@echo ""
	$(LOCAL) runserver 127.0.0.1:$(PORT)

dev: export DEBUG = 1
dev: setup demo
	@echo ""
	@echo "Improvement tracker, with Django's debug pages: http://127.0.0.1:$(PORT)/"
	@echo "Sign in as one of the demo accounts above with the password: $(DEMO_PASSWORD)"
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
	$(PY) manage.py load_demo_measures

lint: deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: deps
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) node_modules static/build staticfiles db.sqlite3 .secret_key

# Backups. PostgreSQL: `make backup` writes backups/tracker-<time>.dump with pg_dump;
# `make restore BACKUP=backups/....dump` puts it back (replacing what is there).
# Any database: `make export-json` / `make import-json JSON=...` round-trip every row through JSON.
BACKUP_TIME := $(shell date +%Y%m%d-%H%M%S)

backup:
	@test -n "$(DATABASE_URL)" || (echo "Set DATABASE_URL to the PostgreSQL database to back up." && exit 1)
	mkdir -p backups
	pg_dump --format=custom --no-owner --dbname="$(DATABASE_URL)" --file=backups/tracker-$(BACKUP_TIME).dump
	@echo "Backup written to backups/tracker-$(BACKUP_TIME).dump"

restore:
	@test -n "$(DATABASE_URL)" || (echo "Set DATABASE_URL to the PostgreSQL database to restore into." && exit 1)
	@test -f "$(BACKUP)" || (echo "Set BACKUP to a file made by make backup." && exit 1)
	pg_restore --clean --if-exists --no-owner --single-transaction --dbname="$(DATABASE_URL)" "$(BACKUP)"
	@echo "Restored $(BACKUP)"

export-json: deps
	mkdir -p backups
	DEBUG=1 $(PY) manage.py export_json backups/tracker-$(BACKUP_TIME).json
	@echo "Exported to backups/tracker-$(BACKUP_TIME).json"

import-json: deps
	@test -f "$(JSON)" || (echo "Set JSON to a file made by make export-json." && exit 1)
	DEBUG=1 $(PY) manage.py import_json "$(JSON)"

# `make bench`: every council in England on one deployment, measured (about 15 minutes; never part of
# `make test`). It empties and fills a PostgreSQL database whose name must contain "bench": DATABASE_URL,
# or BENCH_DATABASE_URL when DATABASE_URL is not set. BENCH_ARGS="--authorities 10 --duration 20" for a
# quick check. See docs/performance.md.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/tracker_bench

$(VENV)/.bench-installed: $(VENV)/.installed requirements-bench.txt
	$(VENV)/bin/pip install --quiet -r requirements-bench.txt
	touch $@

bench: deps assets $(VENV)/.bench-installed
	DATABASE_URL="$(or $(DATABASE_URL),$(BENCH_DATABASE_URL))" $(PY) bench/run.py $(BENCH_ARGS)

# What a digest day of `send_reminders --dry-run` costs with every council (generated when there are none).
bench-reminders: deps
	DATABASE_URL="$(or $(DATABASE_URL),$(BENCH_DATABASE_URL))" $(PY) bench/reminders.py

# What previewing and importing a 1,000-row plan costs, on DATABASE_URL (migrated first), left as it was.
bench-import: migrate
	$(PY) bench/import_plan.py

# The time and peak memory to build one generated council's board pack PDF (generated first when there is none).
bench-board-pack: deps
	DATABASE_URL="$(or $(DATABASE_URL),$(BENCH_DATABASE_URL))" $(PY) bench/board_pack.py

# Runs the trust tests on PostgreSQL and writes docs/reliability.md from what they measured.
reliability: deps assets
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/tracker_reliability} $(PY) scripts/reliability_report.py
