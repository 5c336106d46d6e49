#!/usr/bin/env bash
# Runs an `optimize sweep` as a SLURM job array of N shards, waits, checks every task, merges.
#
#   scripts/slurm/run-sweep.sh -n N -o BASE [-b OPTIMIZE_BIN] [-m MERGED] [-s "SBATCH OPTIONS"] \
#       -- <sweep arguments...>
#
#   -n N      number of shards = array tasks (--array=0-(N-1))
#   -o BASE   shared folder: BASE/shard-K/ (K = 1..N), BASE/status/, BASE/logs/<job>_<task>.out
#   -b BIN    the optimize binary, reachable from every node (default: `optimize` on PATH); any
#             program that speaks `sweep ... --shard K/N --output DIR` and `sweep merge OUT IN...`
#             will do (scripts/slurm/stand-in-optimize.sh in the selftest)
#   -m OUT    merged result folder (default BASE/merged)
#   -s OPTS   extra sbatch options, split on spaces (e.g. "-p long --time=02:00:00")
#
# Submits scripts/slurm/sweep-array.sbatch with `sbatch --wait`, then requires for every task
# K = 1..N: status/shard-K.rc says rc=0, shard-K/ exists, and, where the controller still knows the
# job (scontrol; or sacct when accounting is set up), the task's state is COMPLETED with exit 0:0.
# Only then runs `BIN sweep merge OUT BASE/shard-1 ... BASE/shard-N`. Exit status: 0 when merged,
# 1 when a task failed or a check did not pass (the failing tasks' logs are printed), 2 on usage.
# Needs the SLURM client commands and, for the test cluster of cluster.sh, SLURM_CONF.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
log() { echo "run-sweep: $*" >&2; }

n="" base="" bin=optimize merged="" sbatch_opts=""
while getopts "n:o:b:m:s:h" opt; do
  case "$opt" in
    n) n=$OPTARG ;;
    o) base=$OPTARG ;;
    b) bin=$OPTARG ;;
    m) merged=$OPTARG ;;
    s) sbatch_opts=$OPTARG ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
[ "${1:-}" != -- ] || shift
case "$n" in '' | *[!0-9]* | 0) log "-n N (a positive number) is required"; usage ;; esac
[ -n "$base" ] || { log "-o BASE is required"; usage; }

mkdir -p "$base/logs"
base=$(cd "$base" && pwd)
merged=${merged:-$base/merged}
# The binary must be found by the same path on the compute nodes: make it absolute.
if [[ "$bin" == */* ]]; then
  bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
else
  bin=$(command -v "$bin") || { log "'$bin' is not on PATH"; exit 2; }
fi
[ -x "$bin" ] || { log "$bin is not executable"; exit 2; }
# Results of an earlier run in the same BASE would pass the checks below: start clean.
rm -rf "$base/status"
for k in $(seq 1 "$n"); do rm -rf "$base/shard-$k"; done

export OPTIMIZE_BIN=$bin SWEEP_OUTPUT=$base SWEEP_SHARDS=$n
log "submitting $n shards: $bin sweep $* --shard K/$n --output $base/shard-K"
sbatch_rc=0
# shellcheck disable=SC2086
job=$(sbatch --parsable --wait --array="0-$((n - 1))" --output="$base/logs/%A_%a.out" \
  $sbatch_opts "$here/sweep-array.sbatch" "$@") || sbatch_rc=$?
job=${job%%;*} # --parsable prints "jobid[;cluster]"
log "job ${job:-?} finished, sbatch --wait status $sbatch_rc (the highest exit status of the tasks)"
[ -n "$job" ] || { log "sbatch did not submit the array"; exit 1; }

# The controller's view of each task, when it still has one (finished jobs age out after
# MinJobAge; sacct needs an accounting database).
declare -A state=()
if out=$(sacct -n -P -X -j "$job" -o JobID,State,ExitCode 2>/dev/null) && [ -n "$out" ]; then
  while IFS='|' read -r id st ec; do
    [[ "$id" == "${job}_"* ]] && state[${id#"${job}"_}]="$st $ec"
  done <<<"$out"
elif out=$(scontrol -o show job "$job" 2>/dev/null); then
  while read -r line; do
    t=$(grep -o 'ArrayTaskId=[^ ]*' <<<"$line" | cut -d= -f2)
    st=$(grep -o 'JobState=[^ ]*' <<<"$line" | cut -d= -f2)
    ec=$(grep -o ' ExitCode=[^ ]*' <<<"$line" | cut -d= -f2)
    [ -n "$t" ] && state[$t]="$st $ec"
  done <<<"$out"
fi

failed=0
for k in $(seq 1 "$n"); do
  t=$((k - 1)) why=""
  if [ -n "${state[$t]:-}" ] && [ "${state[$t]}" != "COMPLETED 0:0" ]; then
    why="controller says ${state[$t]}"
  elif [ ! -s "$base/status/shard-$k.rc" ]; then
    why="no status file (task never ran or was killed)"
  elif ! grep -q '^rc=0 ' "$base/status/shard-$k.rc"; then
    why="$(cat "$base/status/shard-$k.rc")"
  elif [ ! -d "$base/shard-$k" ]; then
    why="no output folder $base/shard-$k"
  fi
  if [ -n "$why" ]; then
    failed=$((failed + 1))
    log "shard $k/$n (task $t) FAILED: $why"
    tail -n 20 "$base/logs/${job}_$t.out" 2>/dev/null | sed 's/^/    /' >&2 || true
  else
    log "shard $k/$n (task $t) ok: $(cat "$base/status/shard-$k.rc")${state[$t]:+ [${state[$t]}]}"
  fi
done
if [ $failed -gt 0 ] || [ $sbatch_rc -ne 0 ]; then
  log "$failed of $n shards failed (sbatch status $sbatch_rc): not merging"
  exit 1
fi

shards=()
for k in $(seq 1 "$n"); do shards+=("$base/shard-$k"); done
log "merging into $merged"
"$bin" sweep merge "$merged" "${shards[@]}"
log "done: $merged"
