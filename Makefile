# The whole set-up on a fresh machine is `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUT ?= out

.PHONY: run test lint typecheck pytest bench clean browser

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

run: $(VENV)/.installed
	$(BIN)/vnextract extract corpus/articles -o $(OUT) --fresh
	@echo "Output: $(OUT)/records.jsonl (one ArticleRecord per line); try: $(BIN)/vnextract show corpus/articles/000_6c945006f4a0331c.txt"

lint: $(VENV)/.installed-test
	$(BIN)/ruff check extractor schemas tests bench

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

# Debian's chromium and its driver, for tests/test_report_browser.py (sudo only when not root).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
		($(SUDO) apt-get update && $(SUDO) apt-get install -y chromium chromium-driver)

pytest: $(VENV)/.installed-test browser
	$(BIN)/pytest
	$(BIN)/pytest --nbmake notebooks  # the researcher notebooks, top to bottom

test: lint typecheck pytest

bench: $(VENV)/.installed
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(OUT) .pytest_cache .mypy_cache .ruff_cache
