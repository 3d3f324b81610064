#!/usr/bin/env bash
# Installs what the project needs on a fresh machine: uv, the Python environment (from
# uv.lock), the front-end packages (from package-lock.json) and the compiled GOV.UK assets.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v uv >/dev/null 2>&1; then
  echo "==> Installing uv"
  python3 -m pip install --quiet --disable-pip-version-check uv
fi
echo "==> Python dependencies (uv sync --locked)"
uv sync --locked --quiet

if ! command -v npm >/dev/null 2>&1; then
  echo "npm is needed to build the GOV.UK front end. Install Node.js 20 or later." >&2
  exit 1
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> Front-end dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
if [ ! -f frontend/dist/app.css ] || [ -n "$(find frontend/scss scripts/build-frontend.mjs package-lock.json -newer frontend/dist/app.css 2>/dev/null)" ]; then
  echo "==> Building GOV.UK Frontend assets"
  npm run --silent build
fi
mkdir -p var
