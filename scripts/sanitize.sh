#!/usr/bin/env bash
# Builds the package and its tests with a sanitizer and runs the whole test suite under it.
#
#   scripts/sanitize.sh address|thread [extra swift test arguments, e.g. --filter ProblemsTests]
#
# Each sanitizer has its own scratch directory (.build-asan, .build-tsan), so the ordinary debug
# build is left alone. SANITIZE_JOBS (default 2) sets the build's parallelism. Any sanitizer
# report fails the run: ASan and TSan are told to end the process with an error at the first.
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:?usage: scripts/sanitize.sh address|thread [swift test arguments]}
shift
case $kind in
  address) scratch=.build-asan ;;
  thread) scratch=.build-tsan ;;
  *) echo "scripts/sanitize.sh: unknown sanitizer '$kind' (address or thread)" >&2; exit 2 ;;
esac
jobs=${SANITIZE_JOBS:-2}
# A small quarantine keeps freed memory from staying resident, so the suite's resident-memory
# test measures live memory rather than ASan's default 256 MB of quarantined blocks.
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=0:abort_on_error=0:quarantine_size_mb=16}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}
swift build --build-tests --sanitize="$kind" --scratch-path "$scratch" -j "$jobs"
swift test --skip-build --sanitize="$kind" --scratch-path "$scratch" "$@"
