# The two commands of the README: `make run` and `make test`. Both work on a fresh clone
# with only python3 and make: they create .venv when it is missing.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test
STAMP_BENCH := $(VENV)/.installed-bench

.PHONY: run test test-quick bench bench-keys monkey check clean browser

run: $(STAMP_RUN)
	$(VENV)/bin/chery-tui $(ARGS)

test: $(STAMP_TEST) browser
	$(VENV)/bin/ruff check tui tests
	$(VENV)/bin/mypy
	$(PY) -m pytest -n auto $(PYTEST_ARGS)

# While working: the suite without the tests marked slow (random keys, fuzzing, the 50 MB
# file, the wheel, the benchmark's own run). `make test` runs them all.
test-quick: $(STAMP_TEST)
	$(PY) -m pytest -n auto -m "not slow" $(PYTEST_ARGS)

# Performance at 1,000, 10,000 and 100,000 claims, VisiData beside the largest; JSON results
# under bench/.
bench: $(STAMP_BENCH)
	$(PY) -m tui.bench run --out bench

# Only the key latency (part of `make bench`): chery-tui on the bundled data beside a bare
# Textual app, each under a pseudo-terminal; prints a table, writes nothing. ARGS="--reps 5".
bench-keys: $(STAMP_TEST)
	$(PY) -m tui.bench.keys $(ARGS)

# The monkey test with ten times as many random keys (and other seeds) as `make test` presses.
monkey: $(STAMP_TEST)
	CHERY_TUI_MONKEY=10 $(PY) -m pytest tests/test_monkey.py

check: $(STAMP_RUN)
	$(VENV)/bin/chery-tui check

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@ $(STAMP_RUN)

$(STAMP_BENCH): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test,bench]'
	touch $@ $(STAMP_TEST) $(STAMP_RUN)

# The browser test (tests/test_serve_browser.py) drives Debian's Chromium: installed here when
# it is missing and this is root with apt-get; elsewhere the test says it is skipped and why.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's chromium for the browser test"; \
	    apt-get install -y -q chromium >/dev/null 2>&1 || \
	      { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }; \
	  else echo "note: no chromium, and it cannot be installed here: the browser test is skipped"; fi; }

clean:
	rm -rf $(VENV) build dist .mypy_cache .pytest_cache .ruff_cache
