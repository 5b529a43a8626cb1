# govsim: `make run` sets up and runs the default scenario; `make test` sets up and tests.
# Set-up finds Python 3.12+ (python3.13, python3.12, python3, else a pyenv-installed
# 3.12+), creates .venv and installs the project with its test tools.

VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: setup run dashboard test test-slow bench bench-scale bench-steps bench-throughput lint clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@py=""; \
	for c in python3.13 python3.12 python3; do \
	  if command -v $$c >/dev/null 2>&1 && $$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then py=$$(command -v $$c); break; fi; \
	done; \
	if [ -z "$$py" ] && command -v pyenv >/dev/null 2>&1; then \
	  for v in $$(pyenv versions --bare 2>/dev/null | grep -E '^3\.(1[2-9]|[2-9][0-9])(\.[0-9]+)?$$' | sort -t. -k1,1n -k2,2n -k3,3n -r); do \
	    cand="$$(pyenv root)/versions/$$v/bin/python3"; \
	    if [ -x "$$cand" ]; then py="$$cand"; break; fi; \
	  done; \
	fi; \
	if [ -z "$$py" ]; then echo "govsim needs Python 3.12 or newer: none found (tried python3.13, python3.12, python3 and pyenv); install one and retry." >&2; exit 1; fi; \
	echo "using $$py ($$($$py --version))"; \
	rm -rf $(VENV) && $$py -m venv $(VENV) && \
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]' && \
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/govsim run $(ARGS)

dashboard: $(STAMP)
	$(BIN)/govsim dashboard $(ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest -q -n auto $(ARGS)

test-slow: $(STAMP)
	$(BIN)/python -m pytest -q -n auto -m slow $(ARGS)

bench: $(STAMP)
	$(BIN)/python experiments/benchmarks/bench_model.py $(ARGS)

bench-scale: $(STAMP)
	PYTHONPATH=$(CURDIR) $(BIN)/python experiments/benchmarks/bench_scale.py $(ARGS)

bench-steps: $(STAMP)
	PYTHONPATH=$(CURDIR) $(BIN)/python experiments/benchmarks/bench_steps.py $(ARGS)

bench-throughput: $(STAMP)
	PYTHONPATH=$(CURDIR) $(BIN)/python experiments/benchmarks/bench_throughput.py $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
