# Everything runs from the project's own virtualenv, made on first use from plain python3.
VENV   := .venv
PY     := $(VENV)/bin/python
JCG    := $(VENV)/bin/jcg
# Reinstall only when the dependencies may have changed.
STAMP  := $(VENV)/.installed-stamp
HOST   ?= 127.0.0.1
PORT   ?= 8080

.PHONY: run test bench lint install messages

install: $(STAMP)

$(PY):
	python3 -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

# The token is printed once: it is a secret, and the store keeps only its hash.
run: $(STAMP)
	mkdir -p -m 700 var
	$(JCG) db upgrade
	@if [ -s var/admin-token ]; then \
		echo "Admin token: as printed on the first run, kept in var/admin-token"; \
	else \
		( umask 077 && $(JCG) token create --role admin --label "make run" | tail -n 1 > var/admin-token.new ) \
		&& mv var/admin-token.new var/admin-token \
		&& echo "Admin token (also kept in var/admin-token, mode 600):" && cat var/admin-token; \
	fi
	@$(JCG) projector & projector=$$!; \
	$(JCG) scheduler & scheduler=$$!; \
	trap 'kill $$projector $$scheduler 2>/dev/null; wait $$projector $$scheduler' EXIT; \
	trap 'exit 130' INT TERM; \
	$(JCG) serve --host $(HOST) --port $(PORT)

# One test process per core (pytest-xdist); each test starts on an empty database (tests/databases.py).
# Work-stealing keeps a long test (the 10,000-row workbook) from idling the other workers.
# TEST_WORKERS=0 runs them in this process, as plain pytest does.
TEST_WORKERS ?= auto
test: $(STAMP)
	$(PY) -m pytest -n $(TEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

# BENCH_SIZES=1000,100000 for the province-scale figures (about 30 minutes on two cores).
BENCH_SIZES ?= 1000
bench: $(STAMP)
	$(PY) bench/record_events.py $(BENCH_ARGS)
	$(PY) bench/scale.py --sizes $(BENCH_SIZES)

lint: $(STAMP)
	$(VENV)/bin/ruff check .

# The catalogue gains the messages marked in the code (Text, library_message, gettext and
# lazy_gettext, Jinja's _): sorted by msgid, without line numbers or wrapping, so that merges
# touch only the lines that changed. Then fill in each new empty msgstr. Nothing to compile:
# i18n/catalogue.py reads the .po itself.
MESSAGE_KEYWORDS := -k Text -k library_message -k lazy_gettext
messages: $(STAMP)
	mkdir -p var
	$(VENV)/bin/pybabel extract -F babel.cfg $(MESSAGE_KEYWORDS) --sort-output --no-location --no-wrap \
		--omit-header --ignore-dirs='.* _* tests bench var deploy' -o var/messages.pot .
	$(VENV)/bin/pybabel update -i var/messages.pot -d i18n/translations --no-fuzzy-matching \
		--no-wrap --ignore-obsolete --ignore-pot-creation-date
