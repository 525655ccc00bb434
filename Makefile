# The README's two commands are `make demo` and `make test`; the rest are for developers.
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

lint-dockerfiles:
	scripts/lint-dockerfiles

clean:
	rm -rf .build
