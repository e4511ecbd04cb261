# `make run` and `make test` work on a fresh machine with Python 3.11+ and make:
# each creates .venv from the lock files when it is missing or older than them.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test lint bench eval lock clean

$(VENV)/.runtime: requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Tally needs Python 3.11 or newer")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.lock
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	@touch $@

run: $(VENV)/.runtime
	$(PY) -m bot

test: $(VENV)/.dev
	$(PY) -m ruff check bot tests bench
	$(PY) -m pytest -q $(PYTEST_ARGS)

eval: $(VENV)/.runtime
	$(PY) ../shared/eval/run_eval.py tests/eval/questions.jsonl --cmd "$(PY) -m bot ask --jsonl"

bench: $(VENV)/.dev
	$(PY) bench/resolve.py

# Re-resolve the pinned dependencies after editing pyproject.toml.
lock: $(VENV)/.dev
	$(PY) -m pip install --quiet pip-tools==7.6.2
	$(PY) -m piptools compile -q --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml
	$(PY) -m piptools compile -q --strip-extras --no-emit-index-url --no-emit-find-links --extra dev -o requirements-dev.lock pyproject.toml

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
