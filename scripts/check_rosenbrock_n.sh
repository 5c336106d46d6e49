#!/usr/bin/env bash
# The requirement that BFGS and L-BFGS solve the chained Rosenbrock at its default n = 1000 to
# ‖∇f‖∞ ≤ 1e-6, checked on a release build (a debug build needs minutes; the Swift suite checks
# n = 100 on every run). Run by .ci/run:
#
#   bash scripts/check_rosenbrock_n.sh .build/release/optimize
set -euo pipefail
bin=$1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bin" --problem rosenbrock-n --solver bfgs,lbfgs --gtol 1e-6 --max-iter 20000 --no-plots \
  --output "$out" --format json >"$out/run.json"
python3 - "$out/run.json" <<'PY'
import json, sys
document = json.load(open(sys.argv[1]))
assert document["problem"]["dimension"] == 1000, document["problem"]
failed = 0
for run in document["runs"]:
    ok = (run["status"] == "gradient-tolerance" and run["ended_at"] == "global"
          and run["x_error"] is not None and run["x_error"] < 1e-4)
    failed += not ok
    print(f"{'ok  ' if ok else 'FAIL'} {run['solver']}: {run['status']} after {run['iterations']} "
          f"iterations, x_error {run['x_error']}, {run['seconds']:.2f} s")
assert len(document["runs"]) == 2
print(f"rosenbrock-n (n = 1000): {2 - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
