#!/usr/bin/env python3
"""Write problems/decay.csv: noisy samples of an exponential decay, for the `decay` problem.

    y = A * exp(-K * t) + noise,  t ~ Uniform[0, 4],  noise ~ Normal(0, SIGMA^2)

with A = 2.5, K = 1.3, SIGMA = 0.02, ROWS = 1000 rows, drawn from numpy's default_rng(SEED)
with SEED = 20261123 (t first, then the noise). Rows are sorted by t. Numbers are written
with repr() so that they read back as exactly the same doubles.

Run from the repository root: python3 scripts/make_decay_data.py
It also prints the least-squares optimum (a, k) on the written data and the mean-squared
residual there; those are the values recorded in problems/decay.toml's [minimum].
"""

from pathlib import Path

import numpy as np

SEED = 20261123
A, K, SIGMA = 2.5, 1.3, 0.02
ROWS = 1000
T_MAX = 4.0


def main() -> None:
    rng = np.random.default_rng(SEED)
    t = np.sort(rng.uniform(0.0, T_MAX, ROWS))
    y = A * np.exp(-K * t) + rng.normal(0.0, SIGMA, ROWS)
    out = Path(__file__).resolve().parent.parent / "problems" / "decay.csv"
    with open(out, "w") as f:
        f.write("t,y\n")
        for ti, yi in zip(t, y):
            f.write(f"{float(ti)!r},{float(yi)!r}\n")
    print(f"wrote {ROWS} rows to {out}")
    report_optimum(out)


def report_optimum(path: Path) -> None:
    """Fit a*exp(-k*t) to the file's data to full double precision (scipy, then Newton)."""
    from scipy.optimize import least_squares

    data = np.loadtxt(path, delimiter=",", skiprows=1)
    t, y = data[:, 0], data[:, 1]

    def residuals(p):
        return p[0] * np.exp(-p[1] * t) - y

    def jacobian(p):
        e = np.exp(-p[1] * t)
        return np.column_stack([e, -p[0] * t * e])

    fit = least_squares(residuals, [1.0, 0.1], jac=jacobian, xtol=1e-15, ftol=1e-15, gtol=1e-15)
    p = fit.x
    # A few exact Newton steps on f = mean(r^2) remove what is left of the optimizer's tolerance.
    for _ in range(5):
        e = np.exp(-p[1] * t)
        r = p[0] * e - y
        J = jacobian(p)
        g = 2 * J.T @ r / len(t)
        second = np.array([[0.0, -np.sum(r * t * e)], [-np.sum(r * t * e), np.sum(r * p[0] * t * t * e)]])
        H = 2 * (J.T @ J + second) / len(t)
        p = p - np.linalg.solve(H, g)
    r = residuals(p)
    print(f"least-squares optimum: a = {float(p[0])!r}, k = {float(p[1])!r}")
    print(f"mean squared residual f = {float(np.mean(r * r))!r}")
    print(f"gradient of f there: {(2 * jacobian(p).T @ r / len(t)).tolist()}")


if __name__ == "__main__":
    main()
