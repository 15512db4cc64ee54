# Developer shortcuts. The README's two commands are the entry points for a fresh machine.
PY ?= .venv/bin/python
SHARED ?= ../shared

.PHONY: venv run test lint evaluate bench

venv:
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[test]"

run: venv
	.venv/bin/toezeggingen sync --sample
	.venv/bin/toezeggingen track
	.venv/bin/toezeggingen export --format csv

test: venv
	bash scripts/test.sh

lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy

evaluate: venv
	TOEZEGGINGEN_SHARED=$(SHARED) bash scripts/evaluate.sh

# Every bench/*.py with a main, run one way: python -m bench.NAME. bench/dataset.py only builds the
# database bench.read times (it needs --url), so it is not run on its own.
BENCHES = $(filter-out dataset,$(basename $(notdir $(shell grep -l '^def main' bench/*.py))))

bench: venv
	set -e; for name in $(BENCHES); do echo "== bench.$$name"; $(PY) -m bench.$$name; done
