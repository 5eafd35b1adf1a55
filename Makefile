# b2b_customer: the commands of the README. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help
DEMO_DB ?= b2b_demo
PYTEST_DB ?= b2b_pytest
PORT ?= 8069

.PHONY: help setup demo test test-demo test-core test-shop test-upgrade pytest lint bench i18n load screenshots smoke-workers wheel clean

help: ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

setup: ## install what is missing (PostgreSQL, Chromium, Odoo 19 requirements, tools)
	@bash scripts/setup.sh

demo: ## create or update the database b2b_demo with demo data and serve it on :8069
	@bash scripts/demo.sh $(DEMO_DB) $(PORT)

test: ## run the module's tests on a fresh database (Odoo's runner, tours included)
	@bash scripts/run_tests.sh

test-demo: ## run the module's tests on a database with the module's demo data
	@TEST_DEMO=1 TEST_DB=$${TEST_DB:-b2b_test_demo} HTTP_PORT=$${HTTP_PORT:-8075} bash scripts/run_tests.sh

test-core: ## Odoo's own suites of auth_signup, portal, sale and base_vat: plain Odoo vs. the module installed first
	@bash scripts/test_core.sh

test-shop: ## the webshop: website_sale + payment_demo + the module (demo data): shop tests and Odoo's website_sale suite vs. plain Odoo
	@bash scripts/test_shop.sh

test-upgrade: ## install the previous releases (19.0.1, 19.0.4, 19.0.5) with demo data, update each to this checkout, check nothing is lost
	@bash scripts/upgrade_test.sh
	@UPGRADE_FROM=cc7d08e UPGRADE_DB=b2b_upgrade_4 bash scripts/upgrade_test.sh
	@UPGRADE_FROM=c2752bf UPGRADE_DB=b2b_upgrade_5 bash scripts/upgrade_test.sh

pytest: ## quick loop with pytest-odoo on an existing database (PYTEST_DB, created if missing)
	@bash scripts/pytest.sh $(PYTEST_DB) $(ARGS)

lint: ## pre-commit (ruff, pylint-odoo, XML/CSV/manifest/PO checks, prettier), no untranslated entry, an addon-only wheel
	@bash scripts/lint.sh

bench: ## benchmark against Odoo's own equivalents (BENCH_PARTNERS, default 100000)
	@bash scripts/setup.sh && set -a && source .env.sh && set +a && python3 bench/run.py

load: ## portal under load next to plain Odoo: 2 workers + cron, LOAD_SESSIONS (20) for 2 x LOAD_SECONDS (60)
	@bash scripts/setup.sh && set -a && source .env.sh && set +a && python3 bench/load.py

i18n: ## regenerate i18n/b2b_customer.pot and merge it into the .po files
	@bash scripts/i18n.sh

screenshots: ## retake the README screenshots in headless Chromium (docs/*.png)
	@bash scripts/screenshots.sh

smoke-workers: ## start Odoo with 2 workers and cron; sign up, approve, log in over HTTP
	@bash scripts/smoke_workers.sh

wheel: ## build odoo_addon_b2b_customer-19.0.*.whl from the last commit into dist/ (whool, addon files only)
	@bash scripts/wheel.sh dist && ls dist

clean: ## drop the test databases and remove generated files
	-@for db in b2b_test b2b_test_2 b2b_test_demo b2b_test_demo_2 b2b_core_plain b2b_core_module b2b_shop b2b_shop_plain $(PYTEST_DB); do dropdb --if-exists $$db 2>/dev/null; done
	rm -rf .logs .env.mk .env.sh dist
