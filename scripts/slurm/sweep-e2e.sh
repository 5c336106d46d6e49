#!/usr/bin/env bash
# The sweep on a real SLURM cluster, end to end (part of `make test`; root, installs slurm-wlm
# and munge with apt-get on first use):
#
#   bash scripts/slurm/sweep-e2e.sh OPTIMIZE_BIN
#
# Starts a single-node cluster (cluster.sh), runs a sweep over the classic problems × four
# solvers × three starts as a job array of three shards (run-sweep.sh, which merges them), runs
# the same sweep locally in one process, and requires the merged store to hold the same runs with
# the same results (everything but times). The cluster is stopped whatever happens. The last
# line reads "slurm sweep: N passed, N failed".
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
[ $# -eq 1 ] || { echo "usage: $0 OPTIMIZE_BIN" >&2; exit 2; }
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
[ -x "$bin" ] || { echo "sweep-e2e: $bin is not an executable" >&2; exit 2; }
if [ "$(id -u)" -ne 0 ]; then
  echo "sweep-e2e: needs root (it installs and starts slurmctld, slurmd and munged)" >&2
  exit 1
fi

work=$(mktemp -d /tmp/optimize-slurm-e2e.XXXXXX)
# munged refuses a socket below a folder that not everyone can enter.
chmod 755 "$work"
state=$work/cluster
mkdir -p "$state"
export SLURM_CONF=$state/slurm.conf
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "sweep-e2e: ok   - $*" >&2; }
not_ok() { failed=$((failed + 1)); echo "sweep-e2e: FAIL - $*" >&2; }
cleanup() {
  bash "$here/cluster.sh" stop "$state" >/dev/null 2>&1 || true
  if [ "$failed" -eq 0 ]; then rm -rf "$work"; else echo "sweep-e2e: kept $work" >&2; fi
  echo "slurm sweep: $passed passed, $failed failed"
}
trap cleanup EXIT

sweep=(--problem classic --solver bfgs,lbfgs,newton,cg-pr --starts 2 --jobs 1 --quiet)

if bash "$here/cluster.sh" start "$state" >"$work/start.log" 2>&1; then
  ok "cluster started"
else
  not_ok "cluster start"; cat "$work/start.log" >&2; exit 1
fi

if (cd "$work" && "$bin" sweep "${sweep[@]}" --output local); then
  ok "local sweep"
else
  not_ok "local sweep"; exit 1
fi

if (cd "$work" && bash "$here/run-sweep.sh" -n 3 -o "$work/slurm" -b "$bin" -- "${sweep[@]}") \
  >"$work/run-sweep.log" 2>&1; then
  ok "job array of 3 shards ran and merged"
else
  not_ok "job array"; cat "$work/run-sweep.log" >&2; exit 1
fi

# Every task really ran under SLURM, as its own array task.
tasks=$(cat "$work"/slurm/status/shard-*.rc 2>/dev/null | grep -c "rc=0")
if [ "$tasks" -eq 3 ]; then ok "three array tasks reported rc=0"; else not_ok "tasks: $tasks"; fi

compare() {
  python3 - "$1" "$2" <<'PY'
import sqlite3, sys
q = ("select key, status, f, iterations, f_evals, grad_evals, hessian_evals, hvp_evals,"
     " ended_at from runs order by key")
a = sqlite3.connect(sys.argv[1]).execute(q).fetchall()
b = sqlite3.connect(sys.argv[2]).execute(q).fetchall()
if not a or a != b:
    print(f"merged {len(a)} runs, local {len(b)}; first difference:",
          next((x, y) for x, y in zip(a + [None], b + [None]) if x != y), file=sys.stderr)
    sys.exit(1)
print(f"{len(a)} runs identical", file=sys.stderr)
PY
}
if compare "$work/slurm/merged/sweep.sqlite" "$work/local/sweep.sqlite"; then
  ok "the merged SLURM sweep equals the local one"
else
  not_ok "merged sweep differs from the local one"
fi
[ "$failed" -eq 0 ]
