# The README's commands. Each target does its own set-up (scripts/setup.sh installs GSL when missing).
SWIFT ?= swift

.PHONY: setup run test bench bench-quick format lint clean

setup:
	@bash scripts/setup.sh

run: setup
	$(SWIFT) build -c release --product optimize
	.build/release/optimize --problem goldstein

# The Swift suite (with headless Chromium for the sweep report), then a sweep on a real single-node SLURM cluster (root; scripts/slurm/cluster.sh
# installs slurm-wlm and munge on first use, starts the daemons and stops them afterwards).
test: setup
	bash scripts/setup-test.sh
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	bash scripts/slurm/sweep-e2e.sh "$$($(SWIFT) build --show-bin-path)/optimize"

# The memory section runs the release `optimize` binary, so it is built first.
bench: setup
	$(SWIFT) build -c release --product optimize
	$(SWIFT) run -c release optimize-bench

bench-quick: setup
	$(SWIFT) build -c release --product optimize
	$(SWIFT) run -c release optimize-bench --quick

format:
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests

clean:
	rm -rf .build

# Robustness (issue 8): fuzzing the problem loader, and the test suite under sanitizers.
.PHONY: fuzz fuzz-quick sanitize-address sanitize-thread

# 10⁶ inputs; findings (crash, hang, contract violation) are saved in .build-fuzz/ and fail the target.
fuzz: setup
	bash scripts/fuzz.sh 1000000 1

# A short pass by hand: 20,000 inputs, about a minute on one core (.ci/run makes its own pass of
# 5,000 inputs with the debug build that `make test` leaves).
fuzz-quick: setup
	bash scripts/fuzz.sh 20000 1

sanitize-address: setup
	bash scripts/sanitize.sh address

sanitize-thread: setup
	bash scripts/sanitize.sh thread
