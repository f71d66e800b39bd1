# One command to set everything up and run the pipeline on seeds/ (make run),
# one to set everything up and run the tests (make test).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install browser run lint test test-fast evaluate realnews wheel clean

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

# Scoring runs write under evaluation/ (ignored by git), and keep the model's annotations of
# each text in evaluation/model-cache, so that a run after a rule change runs only the rules.
EVAL := evaluation
MODEL_CACHE := $(EVAL)/model-cache

evaluate: $(STAMP)
	$(BIN)/agreements extract ../shared/devset/articles.jsonl --out $(EVAL)/devset --model-cache $(MODEL_CACHE) --quiet
	$(BIN)/agreements evaluate $(EVAL)/devset --gold ../shared/devset/gold --json $(EVAL)/devset-report.json

# The real-news corpus (tests/realnews/README.md): the texts are not in the repository; with
# none in tests/realnews/texts there is nothing to score.
realnews: $(STAMP)
	@if ! ls tests/realnews/texts/*.txt >/dev/null 2>&1; then \
		echo "make realnews: no texts in tests/realnews/texts, nothing to score (see tests/realnews/README.md)"; \
	else \
		$(BIN)/python tests/realnews/check_texts.py --quiet; \
		$(BIN)/agreements extract tests/realnews/texts --out $(EVAL)/realnews --model-cache $(MODEL_CACHE) --quiet && \
		for split in dev test; do \
			echo "realnews $$split:"; \
			$(BIN)/agreements evaluate $(EVAL)/realnews --gold tests/realnews/gold \
				--manifest tests/realnews/manifest.tsv --split $$split --json $(EVAL)/realnews-$$split.json || exit 1; \
		done; \
	fi

# The installable wheel, in dist/ (build/ is removed first: setuptools would reuse stale files in it).
wheel: $(STAMP)
	rm -rf build dist
	$(BIN)/pip wheel --quiet --no-deps --wheel-dir dist .

clean:
	rm -rf out $(EVAL) dist build $(VENV) *.egg-info .pytest_cache
