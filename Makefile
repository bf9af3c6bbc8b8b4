# Two commands for a newcomer: `make run` and `make test`. Both start with `make setup`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# torch first, pinned to the local CPU build: any other version pulls gigabytes of CUDA.
TORCH := torch==2.13.0
STAMP := $(VENV)/.setup-done
# llama-cpp-python compiles llama.cpp; by default for every instruction the CPU reports
# (-march=native). A virtual machine may report AMX without letting a program use it: that
# build then dies with "Illegal instruction" at the first answer (seen on a 2-core Xeon VM). On
# x86_64 it is built for AVX2/FMA/F16C instead, which runs on any x86_64 CPU of the last ten
# years, once, into a wheel folder of its own (pip's cache does not tell builds apart by flags).
LLAMA_FLAGS := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON
LLAMA_WHEELS := $(HOME)/.cache/news-assistant/llama-wheels/avx2

.PHONY: setup browser run test index lint bench eval clean

setup: $(STAMP)

# Re-runs only when pyproject.toml changed (or the venv is new): fast when nothing changed.
$(STAMP): pyproject.toml Makefile
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip wheel
	$(BIN)/python -c "import torch, sys; sys.exit(torch.__version__.split('+')[0] != '2.13.0')" 2>/dev/null \
		|| $(BIN)/python -m pip install --quiet $(TORCH)
	if [ "$$(uname -m)" = x86_64 ]; then \
		ls $(LLAMA_WHEELS)/llama_cpp_python-*.whl >/dev/null 2>&1 \
			|| CMAKE_ARGS="$(LLAMA_FLAGS)" $(BIN)/python -m pip wheel --quiet --no-cache-dir \
				--no-deps -w $(LLAMA_WHEELS) 'llama-cpp-python>=0.3.8'; \
		$(BIN)/python -m pip install --quiet --force-reinstall --no-deps \
			$$(ls -v $(LLAMA_WHEELS)/llama_cpp_python-*.whl | tail -1); \
	fi
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

index: setup
	$(BIN)/assistant index

run: index
	$(BIN)/assistant serve

# The UI tests drive Debian's Chromium; installed once (as root, or through sudo).
browser:
	@command -v chromium >/dev/null || { \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y chromium; }

test: setup browser
	$(BIN)/python -m pytest

# Every benchmark, one table and benchmarks/results/bench.json (BENCH_ARGS=--quick for a smoke run).
bench: setup index
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# Every eval set of eval/sets.toml (seed, noisy, Reuters calibration and test halves), grounded
# beside the plain recipe, one table. Indexes are built under eval/indexes/ (about 25 minutes).
eval: setup
	$(BIN)/assistant eval --sets eval/sets.toml --compare

lint: setup
	$(BIN)/ruff check assistant tests benchmarks eval
	$(BIN)/ruff format --check assistant tests benchmarks eval

clean:
	rm -rf $(VENV) index .pytest_cache test-output
