#!/usr/bin/env bash
# make run: install, migrate the SQLite database under var/, load the demo data, serve.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-commissioning.settings.dev}
echo "==> Migrating the database"
uv run python manage.py migrate --no-input
echo "==> Loading the demo data"
uv run python manage.py load_demo
host=${HOST:-127.0.0.1}
port=${PORT:-8000}
echo
echo "==> Serving http://$host:$port (stop with Ctrl+C)"
exec uv run python manage.py runserver "$host:$port"
