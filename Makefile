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
	.venv/bin/toezeggingen dashboard

test: venv
	bash scripts/test.sh

lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy

evaluate: venv
	TOEZEGGINGEN_SHARED=$(SHARED) bash scripts/evaluate.sh
