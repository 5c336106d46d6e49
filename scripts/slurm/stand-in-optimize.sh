#!/usr/bin/env bash
# Stand-in for the `optimize` binary in scripts/slurm/selftest.sh: speaks just the sweep contract.
#   stand-in-optimize.sh sweep ARGS... --shard K/N --output DIR   writes DIR/result.txt (shard,
#       host, start and end times), sleeps STANDIN_SLEEP seconds (2); exits 3 when K is STANDIN_FAIL_SHARD
#   stand-in-optimize.sh sweep merge OUT IN...                    concatenates IN/result.txt into OUT/result.txt
set -euo pipefail
[ "${1:-}" = sweep ] || { echo "stand-in: only 'sweep' is supported" >&2; exit 2; }
shift
if [ "${1:-}" = merge ]; then
  shift
  out=$1; shift
  mkdir -p "$out"
  : >"$out/result.txt"
  for d in "$@"; do cat "$d/result.txt" >>"$out/result.txt"; done
  exit 0
fi
shard="" output="" args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --shard) shard=$2; shift 2 ;;
    --output) output=$2; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
{ [ -n "$shard" ] && [ -n "$output" ]; } || { echo "stand-in: --shard and --output are required" >&2; exit 2; }
mkdir -p "$output"
start=$(date +%s.%N)
sleep "${STANDIN_SLEEP:-2}"
end=$(date +%s.%N)
echo "shard=$shard host=$(hostname -s) start=$start end=$end args=${args[*]:-}" >"$output/result.txt"
[ "${shard%/*}" != "${STANDIN_FAIL_SHARD:-}" ] || { echo "stand-in: failing shard $shard on purpose" >&2; exit 3; }
