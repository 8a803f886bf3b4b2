# Two commands do everything on a fresh machine with Python >= 3.11 and make:
#   make demo   set up, import the sample official record, crawl the bundled sample site over HTTP, extract,
#               detect (press figures against each other and against the record), serve Datasette on :8001 with
#               the sample site still up, so the articles' links open
#   make test   set up with the test extras and run the whole suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
CW     := $(BIN)/claimwatch
SITE_PORT ?= 8765
PORT   ?= 8001
DB     ?= claimwatch.db

.PHONY: demo test bench eval fuzz lint docs clean

# Reinstall only when pyproject.toml changes: a second `make demo` reuses what is installed.
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,eval]'
	touch $@

demo: $(VENV)/.installed
	@$(BIN)/python sample_site/serve.py --port $(SITE_PORT) & site=$$!; \
	  trap 'kill $$site 2>/dev/null' EXIT; \
	  sleep 1; \
	  $(CW) reference import --db $(DB) sample_site/official/*.csv \
	    --source-url https://official.example/sample-lfr-deployment-record; \
	  $(CW) run --db $(DB) --sitemap http://127.0.0.1:$(SITE_PORT)/sitemap.xml || test $$? -eq 1; \
	  echo ""; \
	  echo "claimwatch is serving $(DB) on http://127.0.0.1:$(PORT)/"; \
	  echo "  contradictions:              http://127.0.0.1:$(PORT)/-/contradictions"; \
	  echo "  claims with provenance:      http://127.0.0.1:$(PORT)/-/claims"; \
	  echo "  press against the record:    http://127.0.0.1:$(PORT)/-/metric/lfr_arrests"; \
	  echo "  the sample site the articles came from stays up on http://127.0.0.1:$(SITE_PORT)/ while it serves"; \
	  echo "  (Ctrl-C to stop both)"; \
	  $(CW) serve --db $(DB) --port $(PORT)

test: $(VENV)/.installed
	$(BIN)/python -m pytest

bench: $(VENV)/.installed
	$(BIN)/python -m bench.run

# The gold corpora, then the real corpus's real_dev and real_test splits, each alone (docs/accuracy.md).
# EVAL_ARGS passes options on: make eval EVAL_ARGS="--corpus real_dev --mistakes"
eval: $(VENV)/.installed
	$(BIN)/python -m evaluation.run $(EVAL_ARGS)

# The issue-sized fuzz run (100,000 texts through the NLP, ~an hour on 2 cores); the suite runs a few hundred.
fuzz: $(VENV)/.installed
	CLAIMWATCH_FUZZ_EXAMPLES=100000 $(BIN)/python -m pytest tests/reliability/test_fuzz.py

lint: $(VENV)/.installed
	$(BIN)/ruff check .

# Regenerate the CLI help and schema pasted into README.md (tests/test_docs.py fails when they are stale).
docs: $(VENV)/.installed
	$(BIN)/cog -r README.md docs/scaling.md

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .hypothesis
