# The README's commands. Each target does its own set-up (scripts/setup.sh installs GSL when missing).
SWIFT ?= swift

.PHONY: setup run test bench bench-quick format lint clean

setup:
	@bash scripts/setup.sh

run: setup
	$(SWIFT) build -c release --product optimize
	.build/release/optimize --problem goldstein

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench: setup
	$(SWIFT) run -c release optimize-bench

bench-quick: setup
	$(SWIFT) run -c release optimize-bench --quick

format:
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests

clean:
	rm -rf .build
