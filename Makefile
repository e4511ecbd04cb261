# `make run` and `make test` work on a fresh machine with Python 3.11–3.13 and make: each creates .venv from
# the lock for that Python (locks/py3.X, every package pinned with its hash) when it is missing, broken (a
# half-made .venv without pip), made by another Python, or older than the lock.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PYVER := $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
LOCKS := locks/py$(PYVER)
PIP := $(PY) -m pip install --quiet --disable-pip-version-check --require-hashes
PYTEST := $(PY) -m pytest
# The pyright wheel's own copy of pyright on its bundled Node.js: nothing is fetched when it runs (unset, it would ask
# PyPI for a newer version; a forced version would be downloaded from npm).
PYRIGHT := PYRIGHT_PYTHON_IGNORE_WARNINGS=1 PYRIGHT_PYTHON_FORCE_VERSION= PYRIGHT_PYTHON_PYLANCE_VERSION= $(PY) -m pyright

.PHONY: run test test-fast bench soak eval lock venv clean

$(VENV)/.runtime-$(PYVER): $(wildcard $(LOCKS)/requirements.lock) pyproject.toml
	@test -n "$(PYVER)" || { echo "tally: $(PYTHON) does not run; install Python 3.11–3.13 or give PYTHON=..." >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Tally needs Python 3.11 or newer")'
	@test -f $(LOCKS)/requirements.lock || { echo "tally: no lock for Python $(PYVER) in locks/ (3.11, 3.12 and \
	3.13 are locked). Run with one of those, e.g. make PYTHON=python3.12 ..." >&2; exit 1; }
	@if ! $(PY) -m pip --version >/dev/null 2>&1 || ! $(PY) -c 'import sys; sys.exit(sys.version_info[:2] != \
	tuple(map(int, "$(PYVER)".split("."))))' 2>/dev/null; then \
	  test ! -e $(VENV) || echo "$(VENV) is broken or made by another Python: making it again."; \
	  rm -rf $(VENV); \
	  $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); echo "tally: $(PYTHON) could not make a virtual environment. \
	On Debian or Ubuntu install python3-venv (or python$(PYVER)-venv), then run make again." >&2; exit 1; }; \
	fi
	$(PIP) -r $(LOCKS)/requirements.lock
	@rm -f $(VENV)/.runtime-* $(VENV)/.dev-*
	@touch $@

$(VENV)/.dev-$(PYVER): $(VENV)/.runtime-$(PYVER) $(wildcard $(LOCKS)/requirements-dev.lock)
	$(PIP) -r $(LOCKS)/requirements-dev.lock
	@touch $@

venv: $(VENV)/.runtime-$(PYVER)

run: $(VENV)/.runtime-$(PYVER)
	$(PY) -m bot

# The whole suite, one worker a core (pytest-xdist; each worker makes its own stores, and on PostgreSQL its own
# databases).
test: $(VENV)/.dev-$(PYVER)
	$(PY) -m ruff check bot tests bench
	$(PYRIGHT)
	$(PYTEST) -q -n auto $(PYTEST_ARGS)

# The suite without the tests marked slow (they start processes or PostgreSQL servers): for quick loops. On SQLite
# only, the test stores in memory (tmpfs) where there is one, and the compiled modules kept between runs.
FAST_TMP := $(shell test -d /dev/shm -a -w /dev/shm && echo /dev/shm)
test-fast: $(VENV)/.dev-$(PYVER)
	$(PY) -m ruff check bot tests bench
	TALLY_TEST_DATABASE_URL= PYTHONDONTWRITEBYTECODE= $(if $(FAST_TMP),TMPDIR=$(FAST_TMP)) \
	  $(PYTEST) -q -m "not slow" -n auto $(PYTEST_ARGS)

eval: $(VENV)/.runtime-$(PYVER)
	$(PY) ../shared/eval/run_eval.py tests/eval/questions.jsonl --cmd "$(PY) -m bot ask --jsonl"

bench: $(VENV)/.dev-$(PYVER)
	$(PY) bench/resolve.py

# Faults that take minutes: a database frozen under load (SOAK_SECONDS, default 60).
soak: $(VENV)/.dev-$(PYVER)
	$(PY) bench/frozen_database.py

# Re-resolve the pinned dependencies after editing pyproject.toml, for every locked Python found here
# (pyenv's or python3.X on PATH). Each lock is resolved by that Python, with hashes.
lock:
	@for v in 3.11 3.12 3.13; do \
	  py=python$$v; $$py --version >/dev/null 2>&1 || { echo "python$$v does not run: locks/py$$v left as it is"; continue; }; \
	  env=$$(mktemp -d)/venv; $$py -m venv $$env && $$env/bin/pip install --quiet pip-tools==7.6.2 && mkdir -p locks/py$$v \
	  && for extra in "" dev; do \
	    out=locks/py$$v/requirements$${extra:+-$$extra}.lock; \
	    $$env/bin/python -m piptools compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	      --no-emit-find-links $${extra:+--extra $$extra} -o $$out pyproject.toml || exit 1; \
	  done; rm -rf $$(dirname $$env); \
	done

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
