# Two commands do everything on a fresh machine:
#   make run    install what the app needs, then start it at http://localhost:8501
#   make test   install what the tests need, then run every test (unit, content, AppTest, browser)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test lint bench load-test load-protocol scale-out clean

$(VENV)/.installed-run: requirements.txt
	scripts/install-system-packages.sh run
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed-run tests/requirements.txt
	scripts/install-system-packages.sh test
	$(PY) -m pip install -q --disable-pip-version-check -r tests/requirements.txt
	touch $@

run: $(VENV)/.installed-run
	$(PY) -m streamlit run app.py

test: $(VENV)/.installed-test
	$(PY) -m ruff check --config tests/ruff.toml app.py pages components tests scripts
	$(PY) -m mypy --config-file tests/mypy.ini components
	$(PY) -m pytest -c tests/pytest.ini tests

lint: $(VENV)/.installed-test
	$(PY) -m ruff check --config tests/ruff.toml app.py pages components tests scripts
	$(PY) -m mypy --config-file tests/mypy.ini components

bench: $(VENV)/.installed-test
	$(PY) scripts/bench.py

load-test: $(VENV)/.installed-test
	$(PY) scripts/load_test.py

# Protocol load test (Locust, no browsers): one replica at 50 people (the target: p95 <= 1.5 s,
# 0 errors), one replica from 10 people up in steps of 10 until p95 passes 1.5 s, two replicas
# behind nginx the same way, then one of two replicas stopped mid-test. About 30 minutes;
# appends to scripts/load_results.md. Not part of `make test`.
load-protocol: $(VENV)/.installed-test
	$(PY) scripts/load/run.py --replicas 1 --users 50 --duration 180
	$(PY) scripts/load/run.py --replicas 1 --users 10 --step 10 --duration 180
	$(PY) scripts/load/run.py --replicas 2 --users 20 --step 10 --duration 180
	LOAD_THINK=2,6 $(PY) scripts/load/run.py --replicas 2 --users 20 --duration 240 --stop-one-at 200

# Two replicas behind Debian's nginx on http://127.0.0.1:8080 (Ctrl-C stops everything).
scale-out: $(VENV)/.installed-test
	$(PY) scripts/scale_out.py --replicas 2 --port 8080

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis tests/e2e/screenshots
