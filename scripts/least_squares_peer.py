#!/usr/bin/env python3
"""The least-squares comparison of issue 21 on the MGH suite: our levenberg-marquardt, GSL's
multifit methods and scipy's least_squares(method="lm") as a peer (comparison only; scipy is no
dependency of the toolkit).

scipy runs here, from each problem's standard start, with its defaults (MINPACK's lmder: ftol =
xtol = gtol = 1e-8, at most 100·n evaluations) and the exact Jacobian of scripts/check_problems.py's
own parser and forward-mode evaluator (independent of the toolkit). Ours and GSL's come from a
sweep store made by

    optimize sweep --problem mgh --solver levenberg-marquardt,gauss-newton,gsl-lm,gsl-lmaccel,\
gsl-dogleg,gsl-ddogleg,gsl-subspace2d --output DIR

A run reaches f* when f − f* ≤ 1e-7·(f(x₀) − f*), the sweep's tightest Moré–Wild target, or,
stricter, when f − f* ≤ 1e-8·(1 + |f*|); f = loss·Σr² as the problem file defines it, f* its
[minimum]. Evaluations are residual + Jacobian evaluations (scipy: nfev + njev; ours and GSL's:
every evaluation the run made, f + gradient + Hessian–vector, the shared precision check included).

Usage: python3 scripts/least_squares_peer.py --sweep DIR/sweep.sqlite [--markdown]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import warnings
from pathlib import Path

import numpy as np
from scipy.optimize import least_squares

sys.path.insert(0, str(Path(__file__).resolve().parent))
import check_problems as cp  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent / "problems" / "mgh"
SCALE = {"sum": 1.0, "half": 0.5}


def residuals_and_jacobian(problem: cp.Problem, x: np.ndarray):
    ev = cp.Evaluator(problem.dimension)
    scope = problem.scope(ev, x)
    r = ev.concat([cp.evaluate(t, scope, ev) for t in problem.trees])
    return np.atleast_1d(r.v).astype(float), np.atleast_2d(r.d).astype(float)


def scale(problem: cp.Problem, m: int) -> float:
    return SCALE.get(problem.loss, 1.0 / m)


def reached(f: float, f0: float, fstar: float) -> tuple[bool, bool]:
    more_wild = f - fstar <= 1e-7 * (f0 - fstar)
    strict = f - fstar <= 1e-8 * (1 + abs(fstar))
    return bool(more_wild), bool(strict)


def scipy_runs() -> dict[str, dict]:
    out = {}
    for path in sorted(ROOT.glob("*.toml")):
        problem = cp.Problem(path)
        if "minimum" not in problem.doc:
            continue
        x0 = problem.start()
        r0, _ = residuals_and_jacobian(problem, x0)
        s = scale(problem, r0.size)
        fstar = float(problem.doc["minimum"]["f"])
        f0 = s * float(r0 @ r0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = least_squares(
                lambda x: residuals_and_jacobian(problem, x)[0], x0,
                jac=lambda x: residuals_and_jacobian(problem, x)[1], method="lm")
        f = s * float(result.fun @ result.fun)
        njev = result.njev or 0
        out[f"mgh/{path.stem}"] = {
            "f": f, "f0": f0, "fstar": fstar, "evals": int(result.nfev) + int(njev),
            "reached": reached(f, f0, fstar), "status": result.status,
        }
    return out


def sweep_runs(store: Path, f0s: dict[str, float]) -> dict[str, dict[str, dict]]:
    rows = sqlite3.connect(store).execute(
        "SELECT problem, solver, f, f_error, f_evals + grad_evals + hessian_evals + hvp_evals"
        " FROM runs WHERE start_index = 0 AND repetition = 0").fetchall()
    out: dict[str, dict[str, dict]] = {}
    for problem, solver, f, f_error, evals in rows:
        if problem not in f0s or f is None:
            continue
        fstar = f0s[problem]["fstar"]
        out.setdefault(solver, {})[problem] = {
            "f": f, "evals": evals, "reached": reached(f, f0s[problem]["f0"], fstar)}
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sweep", type=Path, required=True, help="the sweep's sweep.sqlite")
    args = parser.parse_args(argv)
    peer = scipy_runs()
    runs = sweep_runs(args.sweep, peer)
    runs["scipy least_squares lm"] = peer
    problems = sorted(peer)
    print(f"{len(problems)} MGH problems with a known f*\n")
    print("| solver | reaches f* (Moré–Wild 1e-7) | reaches f* (1e-8·(1 + \\|f*\\|)) "
          "| median evaluations (all problems) | median evaluations (problems all solvers reach) |")
    print("|---|---|---|---|---|")
    common = [p for p in problems if all(p in r and r[p]["reached"][0] for r in runs.values())]
    order = sorted(runs, key=lambda s: (s != "levenberg-marquardt", s.startswith("scipy"), s))
    for solver in order:
        r = runs[solver]
        present = [p for p in problems if p in r]
        if not present:
            continue
        a = sum(r[p]["reached"][0] for p in present)
        b = sum(r[p]["reached"][1] for p in present)
        med = statistics.median(r[p]["evals"] for p in present)
        medc = statistics.median(r[p]["evals"] for p in common) if common else float("nan")
        print(f"| {solver} | {a} of {len(present)} | {b} of {len(present)} | {med:g} | {medc:g} |")
    print(f"\n{len(common)} problems reached by every solver (Moré–Wild 1e-7).")
    missed = {s: [p for p in problems if p in runs[s] and not runs[s][p]["reached"][0]]
              for s in order}
    for s in order:
        if missed[s]:
            print(f"{s} misses: {', '.join(missed[s])}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
