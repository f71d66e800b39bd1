# One command to set everything up and run the pipeline on seeds/ (make run),
# one to set everything up and run the tests (make test).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install browser run test test-fast evaluate clean

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

test: $(STAMP) browser
	$(BIN)/pytest

test-fast: $(STAMP)
	$(BIN)/pytest -m "not model"

evaluate: $(STAMP)
	$(BIN)/agreements extract ../shared/devset/articles.jsonl --out out/devset --quiet
	$(BIN)/agreements evaluate --gold ../shared/devset/gold out/devset --json out/devset-report.json

clean:
	rm -rf out $(VENV) *.egg-info .pytest_cache
