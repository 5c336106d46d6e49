#!/usr/bin/env python3
"""Refines the minimizers of the MGH problem files (problems/mgh/*.toml) to full float64 precision.

A peer of the toolkit, not a part of it: the files are evaluated by scripts/check_problems.py's own
parser and forward-mode evaluator (exact residual Jacobians), minimized by scipy's
least_squares (Levenberg–Marquardt, tolerances at machine precision) from the standard start, or
from a hint near the published minimizer where the start leads elsewhere, and then polished by
Newton's method on the gradient (Hessian by central differences of the exact gradient), keeping a
step only while it lowers the gradient norm.

Prints, per problem, f at the refined point, the gradient's inf-norm, and the point; with --json,
a JSON object {name: {"x": [...], "f": ...}} of the refined minima (and "local" minima).

Usage: python3 scripts/refine_mgh.py [--json] [name ...]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from scipy.optimize import least_squares

sys.path.insert(0, str(Path(__file__).resolve().parent))
import check_problems as cp  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent / "problems" / "mgh"

# Problems with a unique minimizer (or, for zero-residual systems, the zero reached from the
# standard start); the others (manifolds, periodic, several minimizers) get f only.
UNIQUE = [
    "powell-badly-scaled", "jennrich-sampson", "bard", "gaussian", "meyer", "kowalik-osborne",
    "brown-dennis", "osborne-1", "osborne-2", "watson", "penalty-1", "penalty-2",
    "discrete-boundary-value", "discrete-integral-equation", "broyden-tridiagonal",
    "broyden-banded", "chebyquad",
]
# Starting points near the published minimizer where the standard start leads elsewhere.
HINTS = {
    "powell-badly-scaled": [1.098e-5, 9.106],
    "meyer": [0.0056, 6181.0, 345.0],
}
# Known other local minima: (name, hint).
LOCAL = {
    "freudenstein-roth": [11.41, -0.8968],
    "trigonometric": None,  # from the standard start
}


def residuals_and_jacobian(problem: cp.Problem, x: np.ndarray):
    ev = cp.Evaluator(problem.dimension)
    scope = problem.scope(ev, x)
    r = ev.concat([cp.evaluate(t, scope, ev) for t in problem.trees])
    return r.v, r.d


def newton_polish(problem: cp.Problem, x: np.ndarray, steps: int = 8) -> np.ndarray:
    def gnorm(p):
        return float(np.abs(problem.value_and_gradient(p)[1]).max())

    for _ in range(steps):
        g = problem.value_and_gradient(x)[1]
        n = x.size
        H = np.zeros((n, n))
        for i in range(n):
            h = 1e-6 * max(1.0, abs(x[i]))
            xp, xm = x.copy(), x.copy()
            xp[i] += h
            xm[i] -= h
            H[:, i] = (problem.value_and_gradient(xp)[1] - problem.value_and_gradient(xm)[1]) / (2 * h)
        try:
            step = np.linalg.solve(0.5 * (H + H.T), g)
        except np.linalg.LinAlgError:
            break
        candidate = x - step
        if not gnorm(candidate) < gnorm(x):
            break
        x = candidate
    return x


def refine(problem: cp.Problem, x0) -> np.ndarray:
    fun = lambda x: residuals_and_jacobian(problem, x)[0]  # noqa: E731
    jac = lambda x: residuals_and_jacobian(problem, x)[1]  # noqa: E731
    method = "lm" if len(fun(np.asarray(x0, float))) >= problem.dimension else "trf"
    result = least_squares(fun, np.asarray(x0, float), jac=jac, method=method,
                           xtol=1e-15, ftol=1e-15, gtol=1e-15, max_nfev=100000, x_scale="jac")
    return newton_polish(problem, result.x)


def main(argv: list[str]) -> int:
    as_json = "--json" in argv
    names = [a for a in argv if not a.startswith("--")] or sorted(set(UNIQUE) | set(LOCAL))
    out = {}
    for name in names:
        problem = cp.Problem(ROOT / f"{name}.toml")
        entry = {}
        if name in UNIQUE:
            x = refine(problem, HINTS.get(name, problem.start()))
            f, g = problem.value_and_gradient(x)
            entry.update(x=[float(v) for v in x], f=f)
            print(f"{name:<28} f = {f!r:<24} |g|inf = {np.abs(g).max():.2e}  x = {list(map(float, x))}",
                  file=sys.stderr)
        if name in LOCAL:
            hint = LOCAL[name] if LOCAL[name] is not None else problem.start()
            x = refine(problem, hint)
            f, g = problem.value_and_gradient(x)
            entry["local"] = [[[float(v) for v in x], f]]
            print(f"{name:<28} local f = {f!r:<18} |g|inf = {np.abs(g).max():.2e}  x = {list(map(float, x))}",
                  file=sys.stderr)
        out[name] = entry
    if as_json:
        print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
