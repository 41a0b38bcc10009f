# suhbat — the two README commands are `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PACKAGES := storage analysis exports i18n tui

.PHONY: demo test setup lint typecheck imports pytest bench clean catalogs

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
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
	$(BIN)/pytest -n 2 -p no:cacheprovider

test: lint typecheck imports pytest

bench: setup
	$(BIN)/python bench/bench_import.py

catalogs: setup
	$(BIN)/python -m i18n.catalogs update

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache .pytest_cache
