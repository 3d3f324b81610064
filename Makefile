# PCC Commissioning. `make run` and `make test` are all a newcomer needs.
.DEFAULT_GOAL := help
SHELL := /bin/bash

.PHONY: help run test install lint format types bench otp messages clean

help: ## Show this help
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

run: ## Install, migrate SQLite, load the demo data and serve http://127.0.0.1:8000
	@bash scripts/run.sh

test: ## Every check: lint, types, templates, migrations, deploy check, unit, smoke and browser tests
	@bash scripts/test.sh

install: ## Install Python and front-end dependencies and build the assets
	@bash scripts/bootstrap.sh

lint: install ## ruff and djLint only
	uv run ruff check . && uv run ruff format --check . && uv run djlint --check --lint commissioning/templates

format: install ## Format Python and templates in place
	uv run ruff check --fix . && uv run ruff format . && uv run djlint --reformat commissioning/templates

types: install ## mypy only
	uv run mypy commissioning tests

bench: install ## Benchmarks (not tests): figures written to benchmarks/results/
	@bash scripts/bench.sh

otp: ## Print the current two-factor code for a demo staff account (EMAIL=officer@demo.example)
	@uv run python manage.py totp_code $${EMAIL:-officer@demo.example}

messages: install ## Extract translatable strings into commissioning/locale
	uv run python manage.py makemessages --locale en_GB --ignore 'node_modules/*' --ignore '.venv/*'

clean: ## Remove the virtual environment, node_modules, built assets and var/
	rm -rf .venv node_modules frontend/dist var .coverage .mypy_cache .ruff_cache .pytest_cache
