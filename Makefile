# The portal's two everyday commands: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test install install-dev node lint check bench bench-l bench-pg bench-pg-l bench-front bench-cluster bench-clean clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when a requirements file changed.
$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

# axe-core for the accessibility tests, from the npm registry at build time.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --silent --no-audit --no-fund && touch $@; \
	else echo "npm not found: browser accessibility tests will skip."; fi

node: node_modules/.installed

# The server and the demo share one PORTAL_BASE_URL, so the links in e-mails
# (an invitation, say) point at the port the server really runs on.
run: export PORTAL_BASE_URL := $(or $(PORTAL_BASE_URL),http://127.0.0.1:$(PORT))
run: install
	@mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Two workers: the suite is mostly waiting on the database and the browser.
test: install-dev node
	$(BIN)/python -m pytest -n 2

# The benchmark: a database of its own with the demo, 5,000 practices and 20,000
# experiences (built once, then reused), and every public and member page timed
# in each cache state against its query budget and the time target of its kind;
# results in bench/results/. `make bench-clean` throws the bench database away.
BENCH_DB := var/bench.sqlite3
BENCH_ENV := DATABASE_URL=sqlite:///$(BENCH_DB) DJANGO_SETTINGS_MODULE=portal.settings.dev DJANGO_DEBUG=false

# A bench database: $(1) the environment naming it, $(2) how many practices.
define build_bench_db
	@mkdir -p var
	$(1) $(BIN)/python manage.py migrate --noinput -v0
	$(1) $(BIN)/python manage.py load_demo
	$(1) $(BIN)/python manage.py generate_bench_data --case-studies $(2) --experiences 20000 --trajectories 285 --seed 1
	$(1) $(BIN)/python manage.py update_index
	$(1) $(BIN)/python manage.py optimize_database
endef

$(BENCH_DB): | install
	$(call build_bench_db,$(BENCH_ENV),5000)

bench: install $(BENCH_DB)
	$(BENCH_ENV) $(BIN)/python manage.py bench
	$(BENCH_ENV) $(BIN)/python manage.py bench_digests --members 1500

# Size L: the same with 20,000 practices, to show how the times grow with the
# data. Times are reported, only the query budgets are held; not run in CI.
BENCH_L_DB := var/bench-l.sqlite3
BENCH_L_ENV := DATABASE_URL=sqlite:///$(BENCH_L_DB) DJANGO_SETTINGS_MODULE=portal.settings.dev DJANGO_DEBUG=false

$(BENCH_L_DB): | install
	$(call build_bench_db,$(BENCH_L_ENV),20000)

bench-l: install $(BENCH_L_DB)
	$(BENCH_L_ENV) $(BIN)/python manage.py bench --queries-only

# The same on PostgreSQL (the time targets hold there as set, not doubled):
# databases portal_bench (M) and portal_bench_l (L) on PG_HOST, created if
# missing and built once by the same recipe; a marker in var/ says it is done.
# They are never dropped here: drop them with dropdb to start afresh.
PG_HOST ?= 127.0.0.1
PG_USER ?= postgres
BENCH_PG_ENV := DATABASE_URL=postgres://$(PG_USER)@$(PG_HOST):5432/portal_bench DJANGO_SETTINGS_MODULE=portal.settings.dev DJANGO_DEBUG=false
BENCH_PG_L_ENV := DATABASE_URL=postgres://$(PG_USER)@$(PG_HOST):5432/portal_bench_l DJANGO_SETTINGS_MODULE=portal.settings.dev DJANGO_DEBUG=false

# $(1) a PostgreSQL database, created unless it exists.
define create_pg_db
	@mkdir -p var
	psql -h $(PG_HOST) -U $(PG_USER) -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$(1)'" | grep -q 1 || createdb -h $(PG_HOST) -U $(PG_USER) $(1)
endef

var/bench-pg.built: | install
	$(call create_pg_db,portal_bench)
	$(call build_bench_db,$(BENCH_PG_ENV),5000)
	touch $@

var/bench-pg-l.built: | install
	$(call create_pg_db,portal_bench_l)
	$(call build_bench_db,$(BENCH_PG_L_ENV),20000)
	touch $@

bench-pg: install var/bench-pg.built
	$(BENCH_PG_ENV) $(BIN)/python manage.py bench

bench-pg-l: install var/bench-pg-l.built
	$(BENCH_PG_L_ENV) $(BIN)/python manage.py bench --queries-only

# The caches in front of the app: the demo's public pages with wrk through
# gunicorn, the page cache and nginx's front cache, against nginx serving the
# same HTML as files; then a publish, timed until nginx shows it. Needs nginx,
# libnginx-mod-http-cache-purge, redis-server and wrk (apt-get install ...).
FRONT_DB := var/front.sqlite3
FRONT_ENV := DATABASE_URL=sqlite:///$(FRONT_DB) DJANGO_SETTINGS_MODULE=portal.settings.dev DJANGO_DEBUG=false

$(FRONT_DB): | install
	@mkdir -p var
	$(FRONT_ENV) $(BIN)/python manage.py migrate --noinput -v0
	$(FRONT_ENV) $(BIN)/python manage.py load_demo

bench-front: install $(FRONT_DB)
	$(BIN)/python deploy/checks/bench_front.py sqlite:///$(FRONT_DB)

# Two app servers behind the same nginx, sharing PostgreSQL, Redis, one task
# worker and an S3 object store (moto): publish, login lock, uploads, sessions
# and A's crash checked across both, then wrk through the proxy against A+B
# and A alone. CI runs the checks only (--quick). CLUSTER_DATABASE_URL names
# the PostgreSQL database it makes afresh (default portal_cluster).
bench-cluster: install-dev
	$(BIN)/python deploy/checks/cluster.py

bench-clean:
	rm -f $(BENCH_DB) $(BENCH_DB)-wal $(BENCH_DB)-shm $(FRONT_DB)
	rm -f $(BENCH_L_DB) $(BENCH_L_DB)-wal $(BENCH_L_DB)-shm

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: install-dev
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) node_modules var static
