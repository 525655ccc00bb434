# The two commands of the README: `make demo` and `make test`.
SWIFT ?= swift

.PHONY: all build deps toolchains demo test lint-dockerfiles clean

all: build

deps:
	scripts/install-deps

toolchains:
	scripts/install-deps --toolchains

build: deps
	$(SWIFT) build --product kernel-runner

demo: build
	scripts/demo

test: toolchains
	$(SWIFT) test

clean:
	rm -rf .build
