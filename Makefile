# Everything runs from the project's own virtualenv, made on first use from plain python3.
VENV   := .venv
PY     := $(VENV)/bin/python
JCG    := $(VENV)/bin/jcg
# Reinstall only when the dependencies may have changed.
STAMP  := $(VENV)/.installed-stamp
HOST   ?= 127.0.0.1
PORT   ?= 8080

.PHONY: run test bench lint install

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

test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

# BENCH_SIZES=1000,100000 for the province-scale figures (about 30 minutes on two cores).
BENCH_SIZES ?= 1000
bench: $(STAMP)
	$(PY) bench/record_events.py $(BENCH_ARGS)
	$(PY) bench/scale.py --sizes $(BENCH_SIZES)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
