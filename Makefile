# Gazette's whole developer interface. `make help` lists the targets.
SHELL := /bin/bash
# The first Python 3.11 that can make a virtual environment, the distribution's own first:
# Debian builds CPython with profile-guided and link-time optimisation, which a source build
# (pyenv's default) leaves out, and bench-web measured 28% less CPU per page with it.
PYTHON ?= $(shell for p in /usr/bin/python3.11 python3.11 python3; do \
  command -v $$p >/dev/null 2>&1 && $$p -c 'import ensurepip, venv' 2>/dev/null && { command -v $$p; break; }; \
  done)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
REDIS_TEST_URL ?= redis://127.0.0.1:6379/15
# Settings for `check --deploy`: what a production deployment sets.
PROD_ENV := DEBUG=false HTTPS=true SECRET_KEY=ci-deploy-check-Zq8vN3xR7tLw2KpY9mB4cH6jD1fG5sA0eU ALLOWED_HOSTS=news.example.org

.PHONY: help venv demo test lint typecheck check test-sqlite test-postgres test-redis lock clean \
	browser-deps bench-web bench-ingest bench-stories bench-extract bench-search bench-beacons \
	bench-translate bench-chaos bench-mail bench-comments train-comments audit-web train-extraction bench-api bench-feeds \
	train-stories test-suites

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | column -t -s $$'\t'

$(BIN)/.installed: requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --requirement requirements.lock
	@touch $@

venv: $(BIN)/.installed ## create .venv and install the pinned dependencies

demo: venv ## run the demo on http://127.0.0.1:8000 (outlets, web, worker, scheduler)
	DEMO=true DEBUG=false HTTPS=false $(MANAGE) collectstatic --noinput --verbosity 0
	DEMO=true DEBUG=false HTTPS=false $(MANAGE) migrate --noinput
	DEMO=true DEBUG=false HTTPS=false $(MANAGE) rundemo

test: venv browser-deps lint typecheck check test-suites test-redis ## everything CI runs
	@echo "make test: all steps passed"

test-suites: venv ## the SQLite and the PostgreSQL passes side by side (scripts/run_suites.py)
	$(BIN)/python scripts/run_suites.py "sqlite=$(BIN)/pytest -q" \
		"postgres=DATABASE_URL=$(PG_URL) $(BIN)/pytest -q -p no:cacheprovider"

lint: venv ## ruff lint and format check, and the layer contract (import-linter)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

typecheck: venv ## mypy with django-stubs
	$(BIN)/mypy gazette tests

check: venv ## Django system checks, migrations up to date, deploy checks
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run
	$(PROD_ENV) $(MANAGE) check --deploy --fail-level WARNING

# Debian's Chromium (as root, only when missing) and axe-core from package-lock.json; without
# them the browser tests skip with the reason, except under CI=true, where they fail.
browser-deps: ## Chromium and axe-core for the browser tests, installed where possible
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; \
	fi
	@if [ ! -f node_modules/axe-core/axe.min.js ] && command -v npm >/dev/null; then \
	  npm ci --no-audit --no-fund; \
	fi

audit-web: venv ## Lighthouse scores of a running demo (make demo; AUDIT_URL to point elsewhere)
	@[ -x node_modules/.bin/lighthouse ] || npm ci --no-audit --no-fund
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(BIN)/python scripts/audit_web.py

bench-web: venv ## benchmark the article page: granian uncached and cached vs nginx static
	@if { ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; } || ! command -v wrk >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nginx-light wrk; \
	  fi; \
	fi
	$(BIN)/python bench/web.py

bench-mail: venv ## one digest to 10,000 subscribers, the worker SIGKILLed at 30/60/90%: duplicates, misses
	$(BIN)/python bench/mail.py --subscribers 10000

bench-ingest: venv ## 1,000 articles from a loopback outlet through the pipeline vs extraction alone
	$(BIN)/python bench/ingest.py --articles 1000

bench-stories: venv ## story clustering and similarity, cross-validated, beside the TF-IDF baseline; ms per article
	$(BIN)/python bench/stories.py

train-stories: venv ## choose the story thresholds and similarity map by cross-validation (writes embeddings/trained.json)
	$(BIN)/python scripts/train_stories.py

bench-search: venv ## search over 100,000 seeded articles on SQLite: p50/p95 of a query mix
	$(BIN)/python bench/search.py

bench-api: venv ## API lists and search over 100,000 articles under granian: p50/p95, CPU/request vs the article page
	$(BIN)/python bench/api.py

bench-beacons: venv ## view beacons per second and server CPU per beacon under granian, vs /healthz
	$(BIN)/python bench/beacons.py

bench-extract: venv ## extraction on ../shared data sets: Gazette vs trafilatura (F1, fields, speed)
	$(BIN)/python bench/extract.py

train-extraction: venv ## retrain the date/title choosers on ../shared data (site-grouped CV), write their weights
	$(BIN)/python scripts/train_extraction.py
	$(BIN)/python scripts/train_body.py

bench-feeds: venv ## links found in feed files beside feedparser (its own test feeds, or FEEDS=dir)
	$(BIN)/python bench/feeds.py $(if $(FEEDS),--feeds $(FEEDS))

bench-comments: venv ## comment moderation on ../shared data (spam published, legitimate held) beside the link baseline
	$(BIN)/python bench/comments.py

train-comments: venv ## retrain the comment spam classifier on ../shared data (10-fold CV), write its weights
	$(BIN)/python manage.py train_comment_model ../shared/data/comments/dev.csv

bench-chaos: venv ## 300 articles while the worker is SIGKILLed 20 times: published, indexed, lost, duplicated, stuck
	$(BIN)/python bench/chaos.py --articles 300 --kills 20

bench-translate: venv ## CTranslate2 chars/s and segments/s; re-translation cost of a 10% update
	$(BIN)/python bench/translate.py

test-sqlite: venv ## the suite on SQLite (make test runs it beside test-postgres: test-suites)
	$(BIN)/pytest -q

test-postgres: venv ## the database tests again on PostgreSQL (skips without it unless CI=true)
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -q -p no:cacheprovider

test-redis: venv ## one article through the pipeline on RQ workers over Redis; API limits counted in Redis
	DATABASE_URL=$(PG_URL) TASKS_BACKEND=rq REDIS_URL=$(REDIS_TEST_URL) \
		$(BIN)/pytest -q -p no:cacheprovider -m redis tests/integration tests/api/test_rate_limit_server.py

lock: venv ## re-pin requirements.lock from pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade '.[dev]' && \
	  (echo "# Pinned versions of every dependency (runtime and dev) that pyproject.toml declares."; \
	   echo "# Regenerate with: make lock"; $(BIN)/python -m pip freeze --exclude gazette) > requirements.lock

clean: ## remove the virtual environment and local data
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache
