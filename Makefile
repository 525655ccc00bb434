# The README's two commands are `make demo` and `make test`; the rest are for developers.
SWIFT ?= swift

.PHONY: all build deps toolchains demo test conformance example images image-test lint-dockerfiles lint-python lint-format format fuzz stress sanitize bench compare-wire clean

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

# The daemon driven by the real Backend.AI agent's client code, every language (conformance/README.md).
conformance: build
	scripts/install-deps --toolchains --conformance
	.build-venv/conformance/bin/python -m pytest conformance $(CONFORMANCE_ARGS)

# An image author's package (Examples/PerlRunner) built against this one and driven over ZeroMQ.
example: deps
	scripts/example-runner

# Kernel images without a Docker engine (buildah; Dockerfiles/README.md), then each image run as
# the agent runs it and driven by the real agent's client code. IMAGES="c python" for a subset.
images: deps
	scripts/install-deps --images
	scripts/images $(IMAGES)

image-test:
	scripts/install-deps --images --conformance
	scripts/image-test $(IMAGES)

lint-dockerfiles:
	scripts/lint-dockerfiles

# The Python the daemon embeds (the query driver) must compile.
lint-python:
	scripts/lint-python

# The Swift sources as swift-format (bundled with the toolchain) writes them, per .swift-format.
SWIFT_SOURCES = Package.swift Sources Tests Fuzz Examples
lint-format:
	$(SWIFT) format lint --strict --recursive --parallel $(SWIFT_SOURCES)

format:
	$(SWIFT) format format --in-place --recursive --parallel $(SWIFT_SOURCES)

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
# Then the query latency of the compiled languages, first and repeated (the compile cache), with
# the binary bench/run built (LATENCY_ARGS: e.g. --rounds 1 --languages c,rust).
bench:
	scripts/install-deps --shipped
	bench/setup && bench/run $(BENCH_ARGS) && bench/query-latency $(LATENCY_ARGS)

# The same agent script against ours (c) and the original (python): frame sequences must match.
compare-wire: build
	bench/setup && bench/compare-wire

clean:
	rm -rf .build
