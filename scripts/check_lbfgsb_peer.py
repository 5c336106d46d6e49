#!/usr/bin/env python3
"""scipy's L-BFGS-B as a peer for our bounded problems (comparison only, never a dependency).

Prints one JSON document: for each case, the minimizer scipy's L-BFGS-B finds, f there, its
active bounds, and its counts. The Swift test (Tests/SolversTests/LBFGSBPeerTests.swift) runs
this script and compares the results with our `lbfgsb` and `projected-gradient` runs on the same
problems. The functions are written here again from their definitions (problems/*.toml), with
their exact gradients, so the peer shares no code with the toolkit.

Requires scipy (scripts/setup-test.sh installs Debian's python3-scipy). Exit status 2 when scipy
is missing, so the test can say why.
"""
import json
import math
import sys

try:
    import numpy as np
    from scipy.optimize import minimize
except ImportError as error:  # pragma: no cover - reported to the test
    print(f"scipy is not available: {error}", file=sys.stderr)
    sys.exit(2)


def rosenbrock(v):
    x, y = v
    f = 100 * (y - x * x) ** 2 + (1 - x) ** 2
    g = np.array([-400 * x * (y - x * x) - 2 * (1 - x), 200 * (y - x * x)])
    return f, g


C = np.array([-1.0, 0.5, 2.0, 3.0])


def quadratic_box(x):
    return float(np.sum((x - C) ** 2)), 2 * (x - C)


def chained_rosenbrock(x):
    a, b = x[:-1], x[1:]
    f = float(np.sum(100 * (b - a * a) ** 2 + (1 - a) ** 2))
    g = np.zeros_like(x)
    g[:-1] += -400 * a * (b - a * a) - 2 * (1 - a)
    g[1:] += 200 * (b - a * a)
    return f, g


INF = math.inf
CASES = {
    "rosenbrock-box": (rosenbrock, [-1.2, 1.0], [(-INF, 0.5), (-INF, INF)]),
    "quadratic-box": (quadratic_box, [0.25] * 4, [(0, INF), (0, INF), (0, 1.0), (0, INF)]),
    "rosenbrock-n-10-box": (chained_rosenbrock, [-1.2, 1.0] * 5, [(-0.5, 0.8)] * 10),
}


def none_if_infinite(b):
    return None if math.isinf(b) else b


def main():
    out = {"scipy": __import__("scipy").__version__, "cases": {}}
    for name, (fun, x0, bounds) in CASES.items():
        result = minimize(
            fun, np.array(x0, dtype=float), jac=True, method="L-BFGS-B",
            bounds=[(none_if_infinite(lo), none_if_infinite(hi)) for lo, hi in bounds],
            options={"maxiter": 100000, "ftol": 1e-15, "gtol": 1e-10, "maxcor": 10},
        )
        x = result.x.tolist()
        active = []
        for i, (lo, hi) in enumerate(bounds):
            if x[i] == lo:
                active.append([i, "lower"])
            elif x[i] == hi:
                active.append([i, "upper"])
        out["cases"][name] = {
            "x": x, "f": float(result.fun), "active": active, "nit": int(result.nit),
            "nfev": int(result.nfev), "success": bool(result.success),
            "message": str(result.message),
        }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
