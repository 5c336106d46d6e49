#!/usr/bin/env bash
# Self-test of scripts/slurm on a real single-node SLURM cluster started here (root; installs
# slurm-wlm and munge with apt-get on first use). For CI:
#
#   bash scripts/slurm/selftest.sh [STATE_DIR]     # default: a fresh temporary folder
#
# 1. cluster.sh start (timed; the first time includes apt-get), and start again (a no-op)
# 2. run-sweep.sh with stand-in-optimize.sh: a 3-task array, 2 s per task; checks that every shard
#    ran, on which host, that two ran at once, which variable gave N, and the merged output
# 3. run-sweep.sh with shard 2 failing on purpose: must exit non-zero and not merge
# 4. cluster.sh stop; no munged/slurmctld/slurmd/slurmstepd left that was not there before
# 5. the same from a clean STATE_DIR (a second cold start, timed), and stop again
# A temporary STATE_DIR is removed after a passing run; a given one, or a failing run's, is kept.
# The cluster is stopped by a trap whatever happens. Exits non-zero when a check fails; the
# last line reads "selftest: N passed, N failed".
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cluster=$here/cluster.sh
own_state=""
if [ $# -ge 1 ]; then state=$1; else state=$(mktemp -d /tmp/slurm-selftest.XXXXXX) own_state=1; fi
mkdir -p "$state"
state=$(cd "$state" && pwd)
export SLURM_CONF=$state/slurm.conf
passed=0 failed=0

log() { echo "selftest: $*" >&2; }
ok() { passed=$((passed + 1)); log "ok   - $*"; }
not_ok() { failed=$((failed + 1)); log "FAIL - $*"; }
check() { # description command...
  local what=$1; shift
  if "$@"; then ok "$what"; else not_ok "$what"; fi
}
cleanup() {
  bash "$cluster" stop "$state" || true
  # a temporary state dir is kept (logs) only when something failed
  if [ -n "$own_state" ] && [ "$failed" -eq 0 ] && [ "${done:-}" = 1 ]; then rm -rf "$state"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

daemons() { # pids of live munge/slurm processes (zombies excluded)
  local p
  for p in /proc/[0-9]*; do
    case "$(cat "$p/comm" 2>/dev/null)" in munged | slurmctld | slurmd | slurmstepd | slurmscriptd) ;; *) continue ;; esac
    [ "$(awk '{ print $3 }' "$p/stat" 2>/dev/null)" != Z ] && echo "${p#/proc/}"
  done | sort
}
before=$(daemons || true)
none_left() {
  local now new
  now=$(daemons || true)
  new=$(comm -13 <(echo "$before") <(echo "$now") | grep . || true)
  if [ -n "$new" ]; then
    log "left running:"; for p in $new; do ps -o pid,args= -p "$p" >&2 || true; done
    return 1
  fi
}

timed_start() { # label
  local t0 t1
  t0=$(date +%s.%N)
  bash "$cluster" start "$state" || return 1
  t1=$(date +%s.%N)
  log "start ($1) took $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s"
}

sweep_ok() {
  local base=$state/sweep
  STANDIN_SLEEP=2 bash "$here/run-sweep.sh" -n 3 -o "$base" -s "--time=5 --job-name=selftest" -b "$here/stand-in-optimize.sh" -- --problem demo \
    || { log "run-sweep.sh failed"; return 1; }
  local r=$base/merged/result.txt
  [ -s "$r" ] || { log "no merged $r"; return 1; }
  cat "$r" >&2
  local k
  for k in 1 2 3; do
    grep -q "^shard=$k/3 host=$(hostname -s) .* args=--problem demo\$" "$r" || { log "shard $k/3 missing from the merge"; return 1; }
  done
  [ "$(wc -l <"$r")" -eq 3 ] || { log "merge has $(wc -l <"$r") lines, not 3"; return 1; }
  log "N came from: $(grep -ho 'count_from=[^ ]*' "$base"/status/*.rc | sort | uniq -c | tr -s ' ' | tr '\n' ';')"
  # two tasks at once: some pair of [start, end] intervals overlaps
  awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } s[NR] = v["start"]; e[NR] = v["end"] }
       END { for (i = 1; i <= NR; i++) for (j = i + 1; j <= NR; j++) if (s[i] < e[j] && s[j] < e[i]) n++
             printf "selftest: %d overlapping pair(s) of tasks\n", n > "/dev/stderr"; exit !(n >= 1) }' "$r"
}

failure_detected() {
  local base=$state/sweep-fail
  if STANDIN_SLEEP=0 STANDIN_FAIL_SHARD=2 bash "$here/run-sweep.sh" -n 3 -o "$base" -b "$here/stand-in-optimize.sh" -- x; then
    log "run-sweep.sh succeeded although shard 2 failed"; return 1
  fi
  [ ! -e "$base/merged" ] || { log "merged although shard 2 failed"; return 1; }
}

log "state dir $state"
if timed_start "first"; then
  ok "cluster starts"
  check "start again is a no-op" bash "$cluster" start "$state"
  sinfo -N -o '%N %T %c %m' >&2
  check "3-shard array runs (two at once) and merges" sweep_ok
  check "a failing shard fails run-sweep.sh and nothing is merged" failure_detected
else
  not_ok "cluster starts"
fi
bash "$cluster" stop "$state"
check "stop leaves no daemon running" none_left

log "again from a clean state dir"
rm -rf "$state"
mkdir -p "$state"
if timed_start "clean state dir"; then
  ok "cluster starts from a clean state dir"
  # shellcheck disable=SC2016 # expanded by the inner shell
  check "sbatch runs a job after the restart" \
    bash -c 'out=$(sbatch --wait --parsable -o /dev/null --wrap true) && echo "job $out" >&2'
else
  not_ok "cluster starts from a clean state dir"
fi
bash "$cluster" stop "$state"
check "stop leaves no daemon running (second time)" none_left

done=1
echo "selftest: $passed passed, $failed failed"
[ $failed -eq 0 ] || log "logs kept in $state"
[ $failed -eq 0 ]
