#!/usr/bin/env bash
# Benchmarks are not tests: they print and record figures, and never fail on a time.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p benchmarks/results
echo "==> Page timings (benchmarks/results/pages.json)"
uv run python benchmarks/bench_pages.py
echo "==> Theme suggestions, agreement with labelled comments (benchmarks/results/theming.txt)"
DJANGO_SETTINGS_MODULE=commissioning.settings.test \
  uv run python manage.py evaluate_theming tests/consultations/data/comment_log_small.csv \
  --examples 2 --seed 1 | tee benchmarks/results/theming.txt
