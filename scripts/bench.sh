#!/usr/bin/env bash
# Benchmarks are not tests: they print and record figures, and never fail on a time.
set -euo pipefail
cd "$(dirname "$0")/.."
uv run python benchmarks/bench_pages.py
