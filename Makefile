# One command to set everything up and run the pipeline on seeds/ (make run),
# one to set everything up and run the tests (make test).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test test-fast evaluate clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/agreements extract seeds --out out
	$(BIN)/agreements validate out

test: $(STAMP)
	$(BIN)/pytest

test-fast: $(STAMP)
	$(BIN)/pytest -m "not model"

evaluate: $(STAMP)
	$(BIN)/agreements extract ../shared/devset/articles.jsonl --out out/devset --quiet
	$(BIN)/agreements evaluate --gold ../shared/devset/gold out/devset --json out/devset-report.json

clean:
	rm -rf out $(VENV) *.egg-info .pytest_cache
