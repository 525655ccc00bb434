# The README's two commands are `make demo` and `make test`; the rest are for developers.
SWIFT ?= swift

.PHONY: all build deps toolchains demo test lint-dockerfiles fuzz stress sanitize bench compare-wire clean

all: build

deps:
	scripts/install-deps

toolchains:
	scripts/install-deps --toolchains

build: deps
	$(SWIFT) build --product kernel-runner

demo: build
	scripts/demo

# One test at a time: many tests start real daemons, compilers and fork bombs, and their
# "ends within N s" bounds mean something only when two cores are not shared by all of them.
test: toolchains
	$(SWIFT) test --no-parallel

lint-dockerfiles:
	scripts/lint-dockerfiles

# Bounded: FUZZ_SECONDS per target (default 60).
fuzz:
	scripts/fuzz $(FUZZ_SECONDS)

# The stress suite at the issue's sizes (minutes; loopback only).
stress: toolchains
	scripts/stress

# The whole suite under AddressSanitizer, then ThreadSanitizer.
sanitize: toolchains
	scripts/sanitize

# Side by side with the original Python runner; `make bench BENCH_ARGS=--quick` for a short run.
bench:
	bench/setup && bench/run $(BENCH_ARGS)

# The same agent script against ours (c) and the original (python): frame sequences must match.
compare-wire: build
	bench/setup && bench/compare-wire

clean:
	rm -rf .build
