# Two commands do everything on a fresh machine:
#   make run    install what the app needs, then start it at http://localhost:8501
#   make test   install what the tests need, then run every test (unit, content, AppTest, browser)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test lint bench load-test clean

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
	$(PY) -m pytest -c tests/pytest.ini tests

lint: $(VENV)/.installed-test
	$(PY) -m ruff check --config tests/ruff.toml app.py pages components tests scripts

bench: $(VENV)/.installed-test
	$(PY) scripts/bench.py

load-test: $(VENV)/.installed-test
	$(PY) scripts/load_test.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis tests/e2e/screenshots
