# Two commands do all set-up on a fresh machine with Python 3.11:
#   make run   -> creates .venv, installs the project, cleans raw/ into clean/
#   make test  -> same set-up with the test extras, runs the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DO_NOT_TRACK := 1
export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: run test install install-test bench clean-output

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"

run: install
	$(BIN)/python -m flows.clean raw/ --out clean

test: install-test
	bash scripts/pytest.sh

bench: install-test
	$(BIN)/python bench/quality.py

clean-output:
	rm -rf clean/
