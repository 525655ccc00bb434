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

# One test at a time: many tests start real daemons, compilers and fork bombs, and their
# "ends within N s" bounds mean something only when two cores are not shared by all of them.
test: toolchains
	$(SWIFT) test --no-parallel

lint-dockerfiles:
	scripts/lint-dockerfiles

clean:
	rm -rf .build
