# sitroom: `make demo` codes the bundled sample corpus into ./sitroom.duckdb; `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= sitroom.duckdb

.PHONY: install demo test test-fast lint bench score train clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

demo: install
	$(BIN)/sitroom ingest examples/ --db $(DB)
	$(BIN)/sitroom events --db $(DB) --limit 25
	$(BIN)/sitroom serve --db $(DB)

test: install
	$(BIN)/ruff check .
	$(BIN)/pytest -q

# The quick loop while developing: everything but the tests marked slow (property runs, SIGKILL trials).
test-fast: install
	$(BIN)/pytest -q -m "not slow"

# The detect stage's type models, then the place chooser on their events (src/sitroom/data/models/): seeded,
# and a run on a fresh clone gives the committed files byte for byte; about 13 minutes on 2 cores.
train: install
	$(BIN)/pip install --quiet -e '.[train]'
	$(BIN)/python -m sitroom.learn.detect
	$(BIN)/python -m sitroom.learn.locate

bench: install
	$(BIN)/python bench/throughput.py

SHARED ?= ../shared/eval
score: install
	mkdir -p out
	$(BIN)/sitroom code $(SHARED)/plover-gsr-cameo/plover_gsr_dev.jsonl -o out/gsr_dev.jsonl
	$(PYTHON) $(SHARED)/score.py $(SHARED)/plover-gsr-cameo/plover_gsr_dev.jsonl out/gsr_dev.jsonl

clean:
	rm -rf $(VENV) build *.egg-info $(DB)
