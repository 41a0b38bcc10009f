# suhbat — the two README commands are `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PACKAGES := storage analysis exports i18n tui

.PHONY: demo test setup lint typecheck imports pytest bench clean catalogs lock lock-upgrade preview

# Every package comes from requirements-lock.txt (exact versions and hashes); `make lock`
# refreshes it from pyproject.toml's ranges.
$(STAMP): pyproject.toml requirements-lock.txt setup.py
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements-lock.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check
	touch $(STAMP)

setup: $(STAMP)
	@if [ -f i18n/catalogs.py ]; then $(BIN)/python -m i18n.catalogs compile; fi

demo: setup
	rm -f demo.suhbat demo.suhbat-wal demo.suhbat-shm demo.suhbat-lock
	$(BIN)/suhbat demo demo.suhbat

lint: setup
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

typecheck: setup
	$(BIN)/mypy

imports: setup
	$(BIN)/lint-imports

pytest: setup
	$(BIN)/pytest -n 2 --dist loadgroup -p no:cacheprovider --durations=8

test: lint typecheck imports pytest

bench: setup
	$(BIN)/python bench/bench_import.py

# Every kind of DOCX export of the demo project in en/ru/kk, rendered to PDF and PNG pages
# under build/preview when LibreOffice and poppler are installed (not part of `make test`).
preview: setup
	$(BIN)/python bench/preview_docx.py --dir build/preview

catalogs: setup
	$(BIN)/python -m i18n.catalogs update

# Resolve every dependency of every extra (for every platform and Python >= 3.11) into
# requirements-lock.txt, keeping the versions already locked where they still fit;
# `make lock-upgrade` takes the newest versions within pyproject.toml's ranges instead.
# Run `make test` after either.
LOCK_COMPILE = $(BIN)/uv pip compile pyproject.toml --all-extras --universal \
	--python-version 3.11 --generate-hashes --custom-compile-command "make lock" \
	--output-file requirements-lock.txt

# Only uv is needed from the environment: a pyproject.toml that asks for a package the
# lock lacks could not be installed before locking.
$(BIN)/uv:
	$(MAKE) setup

lock: | $(BIN)/uv
	$(LOCK_COMPILE)

lock-upgrade: | $(BIN)/uv
	$(LOCK_COMPILE) --upgrade

clean:
	rm -rf $(VENV) build dist *.egg-info .mypy_cache .ruff_cache .pytest_cache
