#!/usr/bin/env bash
# Installs what the project needs on a fresh machine: uv, the Python environment (from
# uv.lock), the front-end packages (from package-lock.json) and the compiled GOV.UK assets.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_install() {
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
  fi
}

# WeasyPrint (Panel reports as PDF) draws text with Pango; a minimal machine may lack it.
if ! ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so.0"; then
  echo "==> Installing Pango for WeasyPrint (PDF reports)"
  apt_install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation
fi
if [ "${WITH_TEST_TOOLS:-0}" = "1" ] && ! command -v pdftoppm >/dev/null 2>&1; then
  echo "==> Installing poppler-utils (the tests render PDF reports to images)"
  apt_install poppler-utils
fi

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
