#!/usr/bin/env bash
# Fuzzes the problem loader with optimize-fuzz (release build) and keeps going past crashes:
# each crash's input (the fuzzer keeps it in OUTPUT/current-input.toml) and its backtrace are
# saved as OUTPUT/crash-<index>.toml and .log, and the run resumes at the next index. Hangs
# (status 3) and contract violations (status 4) are saved by the fuzzer itself and resumed past
# in the same way.
#
#   scripts/fuzz.sh [COUNT] [SEED]      default 1000000 inputs, seed 1; output in .build-fuzz/ (ignored by git)
#   FUZZ_BIN=path FUZZ_OUTPUT=dir FUZZ_MAX_FINDINGS=n FUZZ_FROM=k scripts/fuzz.sh ...
#
# FUZZ_FROM starts at input k instead of 0: shards of one sequence can run side by side, each
# with its own FUZZ_OUTPUT.
#
# Exit status: 0 when every input ran clean, 1 when anything was found.
set -uo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000000}
seed=${2:-1}
output=${FUZZ_OUTPUT:-.build-fuzz}
max_findings=${FUZZ_MAX_FINDINGS:-50}
bin=${FUZZ_BIN:-}
if [[ -z $bin ]]; then
  swift build -c release --product optimize-fuzz >&2 || exit 2
  bin=$(swift build -c release --show-bin-path)/optimize-fuzz
fi
mkdir -p "$output"
# A short symbolicated backtrace is enough to tell findings apart and is quick to write.
export SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-enable=yes,limit=40,top=10,sanitize=no,color=no,interactive=no}

from=${FUZZ_FROM:-0}
findings=0
start=$(date +%s)
while true; do
  "$bin" --count "$count" --seed "$seed" --from "$from" --output "$output" \
    2>"$output/stderr.log" | tee -a "$output/progress.log"
  status=${PIPESTATUS[0]}
  [[ $status -eq 0 ]] && break
  read -r index strategy <"$output/current-index.txt"
  case $status in
    3) kind=hang ;;
    4) kind=violation ;;
    2) echo "optimize-fuzz failed to start:" >&2; cat "$output/stderr.log" >&2; exit 2 ;;
    *)
      kind=crash
      cp "$output/current-input.toml" "$output/crash-$index.toml"
      { echo "strategy: $strategy"; echo "exit status: $status"; cat "$output/stderr.log"; } \
        >"$output/crash-$index.log"
      ;;
  esac
  findings=$((findings + 1))
  echo "finding $findings: $kind at input $index ($strategy); saved in $output/" | tee -a "$output/progress.log"
  if ((findings >= max_findings)); then
    echo "stopping after $findings findings" | tee -a "$output/progress.log"
    break
  fi
  from=$((index + 1))
done
elapsed=$(($(date +%s) - start))
echo "fuzzed inputs ${FUZZ_FROM:-0}..<$count (seed $seed) in ${elapsed} s wall time with $findings findings" | tee -a "$output/progress.log"
((findings == 0))
