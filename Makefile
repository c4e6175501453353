# Public entry points (see README and CONTRACT): setup, run, test, bench.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
N ?= 2000
REGEX_CACHE := transforms/_regex_cache.marshal
BYTECODE := $(VENV)/.bytecode
PY_SOURCES := $(wildcard newsetl/*.py transforms/*.py transforms/*/*.py flows/*.py)

.PHONY: setup run test bench lock train-ner eval-clean eval-ner clean

setup: $(STAMP) $(REGEX_CACHE) $(BYTECODE)

# The venv is rebuilt whenever the lock or the project metadata changes.
$(STAMP): requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found (Python 3.11 is required)"; exit 2; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "installing pinned dependencies from requirements.lock ..."
	@$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements.lock
	@$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

# The cleaner's patterns compiled once (see transforms/recache.py); rebuilt when they may have changed.
$(REGEX_CACHE): $(STAMP) transforms/clean.py transforms/rule_index.py transforms/recache.py $(wildcard seeds/*.csv)
	@$(BIN)/python -m transforms.recache

# The project's own modules compiled to bytecode once. Installed packages are compiled by pip, but an
# editable install is not, and with PYTHONDONTWRITEBYTECODE set Python would compile them again at
# every start: about 30 ms of each `newsetl clean`. A module edited later is compiled in memory, as before.
$(BYTECODE): $(STAMP) $(PY_SOURCES)
	@$(BIN)/python -m compileall -q newsetl transforms flows
	@touch $(BYTECODE)

run: setup
	$(BIN)/newsetl run

test: setup
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python -m newsetl.bench --pages $(N)

# Re-resolve the lock from requirements.in (needs network access to the registry).
lock:
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile requirements.in --python-version 3.11 --generate-hashes -o requirements.lock

train-ner: setup
	$(BIN)/python -m transforms.ner.train

eval-clean: setup
	$(BIN)/python -m newsetl.eval_clean

eval-ner: setup
	$(BIN)/python -m newsetl.eval_ner

clean:
	rm -rf $(VENV) data
