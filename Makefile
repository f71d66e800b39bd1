# One command to set everything up and run the pipeline on seeds/ (make run),
# one to set everything up and run the tests (make test).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install browser run lint test test-fast evaluate wheel clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/agreements extract seeds --out out
	$(BIN)/agreements validate out

# Chromium and ChromeDriver for the review page's browser test (Debian packages); the test
# is skipped where they cannot be installed.
browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then :; \
	elif command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null) \
			|| echo "could not install chromium: the browser test will be skipped"; \
	else echo "chromium and chromedriver not found: the browser test will be skipped"; fi

# Style and unused names (ruff, configured in pyproject.toml); part of `make test`, so CI runs it.
lint: $(STAMP)
	$(BIN)/ruff check pipeline tests models
	$(BIN)/ruff format --check pipeline tests models

test: $(STAMP) browser lint
	$(BIN)/pytest

test-fast: $(STAMP)
	$(BIN)/pytest -m "not model"

evaluate: $(STAMP)
	$(BIN)/agreements extract ../shared/devset/articles.jsonl --out out/devset --quiet
	$(BIN)/agreements evaluate --gold ../shared/devset/gold out/devset --json out/devset-report.json

# The installable wheel, in dist/ (build/ is removed first: setuptools would reuse stale files in it).
wheel: $(STAMP)
	rm -rf build dist
	$(BIN)/pip wheel --quiet --no-deps --wheel-dir dist .

clean:
	rm -rf out dist build $(VENV) *.egg-info .pytest_cache
