#!/usr/bin/env bash
# Every check the project has, in the order a failure is cheapest to find:
# lint, types, templates, migrations, deployment checks, then the test suites.
# A throwaway PostgreSQL cluster is started for the suites and stopped on exit, whatever
# happens.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

WITH_TEST_TOOLS=1 bash scripts/bootstrap.sh

if [ ! -x /usr/bin/chromium ]; then
  step "Installing Debian's chromium for the browser tests"
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
  fi
fi

step "ruff (lint and format)"
uv run ruff check .
uv run ruff format --check .

step "mypy"
uv run mypy commissioning tests

step "djLint"
uv run djlint --check --lint commissioning/templates

step "Migrations are up to date"
DJANGO_SETTINGS_MODULE=commissioning.settings.test uv run python manage.py makemigrations --check --dry-run

step "manage.py check --deploy (production settings)"
DJANGO_SETTINGS_MODULE=commissioning.settings.production \
  DJANGO_SECRET_KEY="check-deploy-$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')" \
  DATABASE_URL="postgres://check@127.0.0.1:5432/check" \
  DJANGO_ALLOWED_HOSTS="commissioning.example" \
  uv run python manage.py check --deploy --fail-level WARNING

pgdir=$(mktemp -d /tmp/commissioning-pg.XXXXXX)
trap 'bash scripts/pg-throwaway.sh stop "$pgdir"' EXIT INT TERM
step "Starting a throwaway PostgreSQL cluster"
export "$(bash scripts/pg-throwaway.sh start "$pgdir" | tail -n 1)"

rm -f .coverage .coverage.*
step "Unit and integration tests (PostgreSQL, with coverage)"
uv run pytest -m "not browser and not smoke" --cov --cov-report= -p no:cacheprovider

step "Browser tests (PostgreSQL, Playwright + chromium + axe-core)"
uv run pytest -m browser --cov --cov-append --cov-report= -p no:cacheprovider

step "Coverage (fails under 90%)"
uv run coverage report --fail-under=90

step "Smoke tests on SQLite (migrate, load demo, sign in, home page)"
DATABASE_URL="sqlite:///$pgdir/smoke.sqlite3" uv run pytest -m smoke -p no:cacheprovider

printf '\nAll checks passed.\n'
