#!/usr/bin/env python3
"""Write problems/logistic.csv: a small labelled data set for the `logistic-regression` problem.

    x1, x2, x3 ~ Normal(0, 1) independently,  p = sigmoid(W0 + W1*x1 + W2*x2 + W3*x3),
    y = +1 with probability p, else -1,

with (W0, W1, W2, W3) = (0.5, 1.0, -2.0, 0.7), ROWS = 100 rows, drawn from numpy's
default_rng(SEED) with SEED = 20261203 (the 100x3 feature matrix first, row by row, then
100 uniforms for the labels). The labels are random given the features, so the two classes
overlap and the mean logistic loss has a finite minimizer. Numbers are written with repr()
so that they read back as exactly the same doubles.

Run from the repository root: python3 scripts/make_logistic_data.py
It also prints the minimizer w of f(w) = mean(softplus(-y * (w0 + w1*x1 + w2*x2 + w3*x3)))
on the written data and f there; those are the values in problems/logistic-regression.toml's
[minimum].
"""

from pathlib import Path

import numpy as np

SEED = 20261203
W_TRUE = np.array([0.5, 1.0, -2.0, 0.7])
ROWS = 100


def main() -> None:
    rng = np.random.default_rng(SEED)
    X = rng.standard_normal((ROWS, 3))
    p = 1.0 / (1.0 + np.exp(-(W_TRUE[0] + X @ W_TRUE[1:])))
    y = np.where(rng.uniform(size=ROWS) < p, 1.0, -1.0)
    out = Path(__file__).resolve().parent.parent / "problems" / "logistic.csv"
    with open(out, "w") as f:
        f.write("x1,x2,x3,y\n")
        for row, yi in zip(X, y):
            f.write(",".join(f"{float(v)!r}" for v in row) + f",{int(yi)}\n")
    print(f"wrote {ROWS} rows to {out} ({int((y > 0).sum())} with y = +1)")
    report_optimum(out)


def report_optimum(path: Path) -> None:
    """Minimize the mean logistic loss on the file's data (scipy, then exact Newton steps)."""
    from scipy.optimize import minimize

    data = np.loadtxt(path, delimiter=",", skiprows=1)
    A = np.column_stack([np.ones(len(data)), data[:, :3]])
    y = data[:, 3]

    def f(w):
        return float(np.mean(np.logaddexp(0.0, -y * (A @ w))))

    def grad(w):
        s = 1.0 / (1.0 + np.exp(y * (A @ w)))  # sigmoid(-y * Aw)
        return -(A.T @ (y * s)) / len(y)

    def hess(w):
        s = 1.0 / (1.0 + np.exp(-(A @ w)))
        return (A.T * (s * (1 - s))) @ A / len(y)

    fit = minimize(f, np.zeros(4), jac=grad, method="BFGS", options={"gtol": 1e-12, "maxiter": 1000})
    w = fit.x
    for _ in range(5):
        w = w - np.linalg.solve(hess(w), grad(w))
    print(f"minimizer w = {[float(v) for v in w]!r}")
    print(f"f(w) = {f(w)!r}")
    print(f"gradient there: {grad(w).tolist()}")
    print(f"Hessian eigenvalues: {np.linalg.eigvalsh(hess(w)).tolist()}")


if __name__ == "__main__":
    main()
