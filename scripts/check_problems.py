#!/usr/bin/env python3
"""Independent checker for the problem library (problems/*.toml).

It does not use the toolkit: it parses each file with tomllib, parses the expression
language of /work/shared/problem-format.md with its own small recursive-descent parser,
and evaluates it in float64 with forward-mode differentiation on numpy arrays (each value
carries its Jacobian with respect to all scalar unknowns), so gradients are exact up to
rounding rather than finite-difference estimates.

For every file it checks:
  - only the contract's keys, the required ones present, objective XOR residuals;
  - start has one finite number per scalar unknown and f(start) is finite;
  - f at [minimum].x equals [minimum].f (1e-10 absolute or 1e-8 relative);
  - the gradient vanishes there (inf-norm <= 1e-6 * max(1, |f|)), and for up to
    20 unknowns the Hessian (central differences of the exact gradient) has no
    eigenvalue below -1e-6 * scale, i.e. the point is a minimum, not a saddle;
  - the same for every [[local_minima]] entry;
  - for exactly two scalar unknowns, [plot] exists and its bounds contain the minimum;
  - with [bounds]: lower <= upper, start and the known points in the box, and at a known
    point the KKT conditions instead of a zero gradient (gradient zero on the free
    coordinates, >= 0 at an active lower bound, <= 0 at an active upper bound), the Hessian
    test on the free coordinates only.

Usage: python3 scripts/check_problems.py [problems/*.toml ...]
(default: every .toml under problems/, subfolders such as problems/mgh/ included)
Exit status is 0 only when every file passes.
"""

from __future__ import annotations

import csv
import math
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

KNOWN_KEYS = {
    "title", "description", "variables", "objective", "residuals", "loss", "start",
    "parameters", "constants", "data", "minimum", "local_minima", "plot", "bounds",
}

# Problems whose minimum is a kink (the gradient does not exist there): only f is checked.
NONSMOOTH_AT_MINIMUM = {"ackley"}


class ProblemError(Exception):
    pass


# ---------------------------------------------------------------------------------------
# Values: a float64 scalar or vector together with its Jacobian d(value)/d(unknowns).
# ---------------------------------------------------------------------------------------


@dataclass
class Value:
    v: np.ndarray  # shape () for a scalar, (m,) for a vector
    d: np.ndarray  # shape v.shape + (N,)

    @property
    def is_vector(self) -> bool:
        return self.v.ndim == 1

    @property
    def is_constant(self) -> bool:
        return not np.any(self.d)


class Evaluator:
    def __init__(self, n_unknowns: int):
        self.n = n_unknowns

    def const(self, x) -> Value:
        v = np.asarray(x, dtype=np.float64)
        return Value(v, np.zeros(v.shape + (self.n,)))

    @staticmethod
    def _check_shapes(a: Value, b: Value, what: str) -> None:
        if a.is_vector and b.is_vector and a.v.shape != b.v.shape:
            raise ProblemError(f"{what}: vector lengths {a.v.shape[0]} and {b.v.shape[0]} differ")

    @staticmethod
    def _col(x: np.ndarray) -> np.ndarray:
        return x[..., None]

    def add(self, a, b):
        self._check_shapes(a, b, "+")
        return Value(a.v + b.v, a.d + b.d)

    def sub(self, a, b):
        self._check_shapes(a, b, "-")
        return Value(a.v - b.v, a.d - b.d)

    def mul(self, a, b):
        self._check_shapes(a, b, "*")
        c = self._col
        return Value(a.v * b.v, a.d * c(b.v) + c(a.v) * b.d)

    def div(self, a, b):
        self._check_shapes(a, b, "/")
        c = self._col
        with np.errstate(divide="ignore", invalid="ignore"):
            q = a.v / b.v
            return Value(q, (a.d - c(q) * b.d) / c(b.v))

    def neg(self, a):
        return Value(-a.v, -a.d)

    def pow(self, a, b):
        self._check_shapes(a, b, "^")
        c = self._col
        with np.errstate(divide="ignore", invalid="ignore"):
            p = np.power(a.v, b.v)
            d = c(b.v * np.power(a.v, b.v - 1)) * a.d
            if not b.is_constant:
                d = d + c(p * np.log(a.v)) * b.d
        return Value(p, d)

    def unary(self, name, a):
        c = self._col
        u = a.v
        with np.errstate(divide="ignore", invalid="ignore"):
            if name == "exp":
                f = np.exp(u); df = f
            elif name == "log":
                f = np.log(u); df = 1 / u
            elif name == "sqrt":
                f = np.sqrt(u); df = 0.5 / f
            elif name == "abs":
                f = np.abs(u); df = np.sign(u)
            elif name == "sin":
                f = np.sin(u); df = np.cos(u)
            elif name == "cos":
                f = np.cos(u); df = -np.sin(u)
            elif name == "tan":
                f = np.tan(u); df = 1 / np.cos(u) ** 2
            elif name == "tanh":
                f = np.tanh(u); df = 1 - f * f
            elif name == "atan":
                f = np.arctan(u); df = 1 / (1 + u * u)
            elif name == "sinh":
                f = np.sinh(u); df = np.cosh(u)
            elif name == "cosh":
                f = np.cosh(u); df = np.sinh(u)
            elif name == "log1p":
                f = np.log1p(u); df = 1 / (1 + u)
            elif name == "expm1":
                f = np.expm1(u); df = np.exp(u)
            elif name == "asin":
                f = np.arcsin(u); df = 1 / np.sqrt(1 - u * u)
            elif name == "acos":
                f = np.arccos(u); df = -1 / np.sqrt(1 - u * u)
            elif name == "asinh":
                f = np.arcsinh(u); df = 1 / np.sqrt(1 + u * u)
            elif name == "sigmoid":
                e = np.exp(-np.abs(u))
                f = np.where(u >= 0, 1 / (1 + e), e / (1 + e)); df = f * (1 - f)
            elif name == "softplus":
                e = np.exp(-np.abs(u))
                f = np.maximum(u, 0) + np.log1p(e)
                df = np.where(u >= 0, 1 / (1 + e), e / (1 + e))
            elif name == "erf":
                f = np.vectorize(math.erf, otypes=[float])(u)
                df = 2 / math.sqrt(math.pi) * np.exp(-u * u)
            else:
                raise ProblemError(f"unknown function {name}")
            return Value(np.asarray(f), c(np.asarray(df)) * a.d)

    def atan2(self, y, x):
        self._check_shapes(y, x, "atan2")
        c = self._col
        r2 = x.v * x.v + y.v * y.v
        with np.errstate(divide="ignore", invalid="ignore"):
            return Value(np.arctan2(y.v, x.v), (c(x.v) * y.d - c(y.v) * x.d) / c(r2))

    def hypot(self, a, b):
        self._check_shapes(a, b, "hypot")
        c = self._col
        h = np.hypot(a.v, b.v)
        with np.errstate(divide="ignore", invalid="ignore"):
            return Value(h, (c(a.v) * a.d + c(b.v) * b.d) / c(h))

    def minmax(self, a, b, take_min):
        self._check_shapes(a, b, "min/max")
        v = np.minimum(a.v, b.v) if take_min else np.maximum(a.v, b.v)
        pick_a = (a.v <= b.v) if take_min else (a.v >= b.v)
        ad, bd = np.broadcast_arrays(a.d, b.d)
        return Value(v, np.where(self._col(np.broadcast_to(pick_a, v.shape)), ad, bd))

    def as_vector(self, a):
        return a if a.is_vector else Value(a.v.reshape(1), a.d.reshape(1, self.n))

    def reduce(self, name, a):
        a = self.as_vector(a)
        m = a.v.shape[0]
        if name == "sum":
            return Value(np.asarray(a.v.sum()), a.d.sum(axis=0))
        if name == "mean":
            with np.errstate(invalid="ignore"):
                return Value(np.asarray(a.v.sum() / m if m else np.nan), a.d.sum(axis=0) / m if m else np.full(self.n, np.nan))
        if name == "prod":
            others = np.array([np.prod(np.delete(a.v, i)) for i in range(m)])
            return Value(np.asarray(np.prod(a.v)), (others[:, None] * a.d).sum(axis=0))
        if name == "norm":
            s = self.reduce("sum", self.mul(a, a))
            return self.unary("sqrt", s)
        if name == "logsumexp":
            if m == 0:
                return Value(np.asarray(-np.inf), np.zeros(self.n))
            top = a.v.max()
            e = np.exp(a.v - top)
            total = e.sum()
            return Value(np.asarray(top + np.log(total)), ((e / total)[:, None] * a.d).sum(axis=0))
        raise ProblemError(f"unknown reduction {name}")

    def concat(self, items):
        items = [self.as_vector(x) for x in items]
        return Value(np.concatenate([x.v for x in items]), np.concatenate([x.d for x in items], axis=0))


# ---------------------------------------------------------------------------------------
# Tokens and parser (grammar of problem-format.md), producing a small AST of tuples.
# ---------------------------------------------------------------------------------------

TOKEN = re.compile(
    r"""(?P<ws>\s+|\#[^\n]*)
      |(?P<num>[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)
      |(?P<name>[A-Za-z_][A-Za-z0-9_]*)
      |(?P<op>\*\*|[-+*/^()\[\],:])""",
    re.VERBOSE,
)


def tokenize(text: str):
    pos, out = 0, []
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m:
            raise ProblemError(f"unexpected character {text[pos]!r} at offset {pos} in {text!r}")
        if m.lastgroup != "ws":
            out.append((m.lastgroup, m.group()))
        pos = m.end()
    # "5." and ".5" are not numbers: a number directly followed by "." or a name is an error.
    out.append(("end", ""))
    return out


class Parser:
    def __init__(self, text: str):
        self.text = text
        self.toks = tokenize(text)
        self.i = 0

    def peek(self):
        return self.toks[self.i]

    def take(self, value=None):
        tok = self.toks[self.i]
        if value is not None and tok[1] != value:
            raise ProblemError(f"expected {value!r}, found {tok[1]!r} in {self.text!r}")
        self.i += 1
        return tok

    def parse(self):
        e = self.expression()
        if self.peek()[0] != "end":
            raise ProblemError(f"unexpected {self.peek()[1]!r} in {self.text!r}")
        return e

    def expression(self):
        e = self.term()
        while self.peek()[1] in ("+", "-"):
            op = self.take()[1]
            e = (op, e, self.term())
        return e

    def term(self):
        e = self.unary()
        while self.peek()[1] in ("*", "/"):
            op = self.take()[1]
            e = (op, e, self.unary())
        return e

    def unary(self):
        if self.peek()[1] == "-":
            self.take()
            return ("neg", self.unary())
        return self.power()

    def power(self):
        base = self.postfix()
        if self.peek()[1] in ("^", "**"):
            self.take()
            return ("^", base, self.unary())
        return base

    def postfix(self):
        e = self.atom()
        while self.peek()[1] == "[":
            self.take("[")
            lo = hi = None
            if self.peek()[1] != ":":
                lo = self.expression()
            if self.peek()[1] == ":":
                self.take(":")
                if self.peek()[1] != "]":
                    hi = self.expression()
                self.take("]")
                e = ("slice", e, lo, hi)
            else:
                self.take("]")
                e = ("index", e, lo)
        return e

    def atom(self):
        kind, text = self.take()
        if kind == "num":
            return ("num", float(text))
        if kind == "name":
            if self.peek()[1] == "(":
                self.take("(")
                args = [self.expression()]
                while self.peek()[1] == ",":
                    self.take(",")
                    args.append(self.expression())
                self.take(")")
                return ("call", text, args)
            return ("name", text)
        if text == "(":
            e = self.expression()
            self.take(")")
            return e
        if text == "[":
            items = [self.expression()]
            while self.peek()[1] == ",":
                self.take(",")
                items.append(self.expression())
            self.take("]")
            return ("vec", items)
        raise ProblemError(f"unexpected {text!r} in {self.text!r}")


ELEMENTWISE = {
    "exp", "log", "sqrt", "abs", "sin", "cos", "tan", "tanh", "atan", "sinh", "cosh", "log1p",
    "expm1", "asin", "acos", "asinh", "sigmoid", "softplus", "erf",
}
REDUCTIONS = {"sum", "mean", "prod", "norm", "logsumexp"}


def whole(value: Value, what: str) -> int:
    if value.is_vector or not value.is_constant:
        raise ProblemError(f"{what} must be a whole scalar known at load time")
    x = float(value.v)
    if x != math.floor(x):
        raise ProblemError(f"{what} must be whole, got {x}")
    return int(x)


def evaluate(node, scope: dict, ev: Evaluator) -> Value:
    kind = node[0]
    if kind == "num":
        return ev.const(node[1])
    if kind == "name":
        if node[1] in scope:
            return scope[node[1]]
        if node[1] == "pi":
            return ev.const(math.pi)
        if node[1] == "e":
            return ev.const(math.e)
        raise ProblemError(f"unknown name {node[1]!r}; in scope: {sorted(scope)}")
    if kind in ("+", "-", "*", "/", "^"):
        a, b = evaluate(node[1], scope, ev), evaluate(node[2], scope, ev)
        return {"+": ev.add, "-": ev.sub, "*": ev.mul, "/": ev.div, "^": ev.pow}[kind](a, b)
    if kind == "neg":
        return ev.neg(evaluate(node[1], scope, ev))
    if kind == "vec":
        return ev.concat([evaluate(x, scope, ev) for x in node[1]])
    if kind == "index":
        base = evaluate(node[1], scope, ev)
        if not base.is_vector:
            raise ProblemError("indexing a scalar")
        i = whole(evaluate(node[2], scope, ev), "index")
        m = base.v.shape[0]
        if not -m <= i < m:
            raise ProblemError(f"index {i} out of range for length {m}")
        return Value(base.v[i], base.d[i])
    if kind == "slice":
        base = evaluate(node[1], scope, ev)
        if not base.is_vector:
            raise ProblemError("slicing a scalar")
        lo = None if node[2] is None else whole(evaluate(node[2], scope, ev), "slice bound")
        hi = None if node[3] is None else whole(evaluate(node[3], scope, ev), "slice bound")
        return Value(base.v[lo:hi], base.d[lo:hi])
    if kind == "call":
        name, args = node[1], [evaluate(x, scope, ev) for x in node[2]]

        def arity(k):
            if len(args) != k:
                raise ProblemError(f"{name} takes {k} argument(s), got {len(args)}")

        if name in ELEMENTWISE:
            arity(1)
            return ev.unary(name, args[0])
        if name in REDUCTIONS:
            arity(1)
            return ev.reduce(name, args[0])
        if name == "atan2":
            arity(2)
            return ev.atan2(args[0], args[1])
        if name == "pow":
            arity(2)
            return ev.pow(args[0], args[1])
        if name == "hypot":
            arity(2)
            return ev.hypot(args[0], args[1])
        if name in ("min", "max"):
            arity(2)
            return ev.minmax(args[0], args[1], name == "min")
        if name == "dot":
            arity(2)
            return ev.reduce("sum", ev.mul(ev.as_vector(args[0]), ev.as_vector(args[1])))
        if name == "len":
            arity(1)
            return ev.const(ev.as_vector(args[0]).v.shape[0])
        if name == "repeat":
            arity(2)
            k = whole(args[1], "repeat count")
            return ev.concat([args[0]] * k) if k > 0 else ev.const(np.zeros(0))
        if name == "range":
            arity(2)
            a, b = whole(args[0], "range bound"), whole(args[1], "range bound")
            return ev.const(np.arange(a, b, dtype=np.float64))
        raise ProblemError(f"unknown function {name!r}")
    raise ProblemError(f"bad node {node!r}")


# ---------------------------------------------------------------------------------------
# Problems
# ---------------------------------------------------------------------------------------

VARIABLE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)(?:\[([A-Za-z0-9_]+)\])?$")


class Problem:
    def __init__(self, path: Path):
        self.path = path
        with open(path, "rb") as f:
            self.doc = doc = tomllib.load(f)
        unknown = set(doc) - KNOWN_KEYS
        if unknown:
            raise ProblemError(f"unknown keys {sorted(unknown)}")
        for key in ("title", "variables", "start"):
            if key not in doc:
                raise ProblemError(f"missing required key {key!r}")
        if ("objective" in doc) == ("residuals" in doc):
            raise ProblemError("exactly one of objective and residuals is required")
        if "loss" in doc and "residuals" not in doc:
            raise ProblemError("loss is only allowed with residuals")
        self.loss = doc.get("loss", "sum")
        if self.loss not in ("sum", "mean", "half"):
            raise ProblemError(f"unknown loss {self.loss!r}")

        self.parameters = {k: float(v) for k, v in doc.get("parameters", {}).items()}
        self.variables = []  # (name, size or None)
        for spec in doc["variables"]:
            m = VARIABLE.match(spec)
            if not m:
                raise ProblemError(f"bad variable {spec!r}")
            name, size = m.group(1), m.group(2)
            if size is not None:
                size = self.parameters[size] if size in self.parameters else float(size)
                if size != int(size) or size < 1:
                    raise ProblemError(f"size of {spec!r} must be a whole number >= 1")
                size = int(size)
            self.variables.append((name, size))
        names = [n for n, _ in self.variables]
        if len(set(names)) != len(names):
            raise ProblemError("two variables share a name")
        self.dimension = sum(1 if s is None else s for _, s in self.variables)

        self.constants = {}
        for k, v in doc.get("constants", {}).items():
            self.constants[k] = np.asarray(v, dtype=np.float64)
        self.data = {}
        if "data" in doc:
            with open(path.parent / doc["data"], newline="") as f:
                rows = [r for r in csv.reader(f) if r]
            header, body = rows[0], rows[1:]
            for j, col in enumerate(header):
                self.data[col] = np.array([float(r[j]) for r in body])

        exprs = [doc["objective"]] if "objective" in doc else doc["residuals"]
        self.trees = [Parser(e).parse() for e in exprs]

    def scope(self, ev: Evaluator, x: np.ndarray | None):
        scope = {}
        # Lowest priority first, so later assignments shadow: data, constants, parameters, variables.
        for k, v in self.data.items():
            scope[k] = ev.const(v)
        for k, v in self.constants.items():
            scope[k] = ev.const(v)
        for k, v in self.parameters.items():
            scope[k] = ev.const(v)
        if x is not None:
            offset = 0
            eye = np.eye(ev.n)
            for name, size in self.variables:
                if size is None:
                    scope[name] = Value(np.asarray(x[offset]), eye[offset].copy())
                    offset += 1
                else:
                    scope[name] = Value(x[offset:offset + size].copy(), eye[offset:offset + size].copy())
                    offset += size
        return scope

    def start(self) -> np.ndarray:
        s = self.doc["start"]
        if isinstance(s, str):
            ev = Evaluator(0)
            v = evaluate(Parser(s).parse(), self.scope(ev, None), ev)
            return np.atleast_1d(v.v).astype(np.float64)
        return np.asarray(s, dtype=np.float64)

    def box(self) -> tuple[np.ndarray, np.ndarray] | None:
        """[bounds] as (lower, upper), each side an array or an expression; None without it."""
        b = self.doc.get("bounds")
        if b is None:
            return None
        unknown = set(b) - {"lower", "upper"}
        if unknown:
            raise ProblemError(f"unknown keys in [bounds]: {sorted(unknown)}")
        sides = []
        for key, default in (("lower", -math.inf), ("upper", math.inf)):
            v = b.get(key)
            if v is None:
                sides.append(np.full(self.dimension, default))
            elif isinstance(v, str):
                ev = Evaluator(0)
                sides.append(np.atleast_1d(evaluate(Parser(v).parse(), self.scope(ev, None), ev).v).astype(np.float64))
            else:
                sides.append(np.asarray(v, dtype=np.float64))
            if sides[-1].shape != (self.dimension,):
                raise ProblemError(f"bounds.{key} has {sides[-1].size} numbers, expected {self.dimension}")
        lower, upper = sides
        if np.any(np.isnan(lower)) or np.any(np.isnan(upper)) or np.any(lower > upper):
            raise ProblemError("bounds: NaN or lower > upper")
        return lower, upper

    def value_and_gradient(self, x) -> tuple[float, np.ndarray]:
        x = np.asarray(x, dtype=np.float64)
        if x.shape != (self.dimension,):
            raise ProblemError(f"point has {x.size} numbers, expected {self.dimension}")
        ev = Evaluator(self.dimension)
        scope = self.scope(ev, x)
        values = [evaluate(t, scope, ev) for t in self.trees]
        if "objective" in self.doc:
            f = values[0]
            if f.is_vector:
                raise ProblemError("objective is not scalar")
            return float(f.v), f.d
        r = ev.concat(values)
        f = ev.reduce("sum", ev.mul(r, r))
        if self.loss == "mean":
            f = ev.div(f, ev.const(r.v.shape[0]))
        elif self.loss == "half":
            f = ev.mul(f, ev.const(0.5))
        return float(f.v), f.d

    def hessian_min_eigenvalue(self, x, free=None) -> float:
        x = np.asarray(x, dtype=np.float64)
        n = self.dimension
        H = np.zeros((n, n))
        for i in range(n):
            h = 1e-5 * max(1.0, abs(x[i]))
            xp, xm = x.copy(), x.copy()
            xp[i] += h
            xm[i] -= h
            H[:, i] = (self.value_and_gradient(xp)[1] - self.value_and_gradient(xm)[1]) / (2 * h)
        if free is not None:
            H = H[np.ix_(free, free)]
        return float(np.linalg.eigvalsh(0.5 * (H + H.T)).min()), float(np.abs(H).max())


def check_point(problem: Problem, label: str, entry: dict, smooth: bool) -> list[str]:
    errors = []
    x = np.asarray(entry["x"], dtype=np.float64)
    if x.shape != (problem.dimension,):
        return [f"{label}: x has {x.size} numbers, expected {problem.dimension}"]
    f, g = problem.value_and_gradient(x)
    f_expected = float(entry["f"])
    if not (abs(f - f_expected) <= 1e-10 or abs(f - f_expected) <= 1e-8 * abs(f_expected)):
        errors.append(f"{label}: f(x) = {f!r}, file says {f_expected!r}")
    box = problem.box()
    free = np.ones(problem.dimension, dtype=bool)
    if box is not None:
        lower, upper = box
        if np.any(x < lower) or np.any(x > upper):
            return errors + [f"{label}: x is outside the bounds"]
        scale = max(1.0, abs(f_expected))
        # KKT: at an active bound the gradient may only push outward (a non-negative multiplier).
        for i in range(problem.dimension):
            if x[i] == lower[i] or x[i] == upper[i]:
                free[i] = False
                outward = g[i] if x[i] == lower[i] else -g[i]
                if outward < -1e-6 * scale:
                    errors.append(f"{label}: multiplier of the bound on x[{i}] is {outward:.3e} < 0")
        g = np.where(free, g, 0.0)
    if smooth:
        scale = max(1.0, abs(f_expected))
        gnorm = float(np.abs(g).max())
        if not gnorm <= 1e-6 * scale:
            errors.append(f"{label}: gradient inf-norm {gnorm:.3e} > {1e-6 * scale:.1e}")
        if problem.dimension <= 20 and np.any(free):
            lam, hmax = problem.hessian_min_eigenvalue(x, free)
            if lam < -1e-6 * max(1.0, hmax):
                errors.append(f"{label}: Hessian has eigenvalue {lam:.3e} < 0 (not a minimum)")
    return errors


def check(path: Path) -> tuple[list[str], str]:
    errors = []
    problem = Problem(path)
    doc = problem.doc
    stem = path.stem
    if not doc.get("description"):
        errors.append("description missing")
    start = problem.start()
    if start.shape != (problem.dimension,):
        errors.append(f"start has {start.size} numbers, expected {problem.dimension}")
    elif not np.all(np.isfinite(start)):
        errors.append("start is not finite")
    else:
        f0, g0 = problem.value_and_gradient(start)
        if not (math.isfinite(f0) and np.all(np.isfinite(g0))):
            errors.append(f"f or gradient not finite at start (f = {f0})")
    box = problem.box()
    if box is not None and start.shape == (problem.dimension,):
        if np.any(start < box[0]) or np.any(start > box[1]):
            errors.append("start is outside the bounds")
    f_start = problem.value_and_gradient(start)[0] if start.shape == (problem.dimension,) else math.nan
    smooth = stem not in NONSMOOTH_AT_MINIMUM
    points = []
    if "minimum" in doc:
        if "x" in doc["minimum"]:
            errors += check_point(problem, "minimum", doc["minimum"], smooth)
            points.append(doc["minimum"]["x"])
        if "f" not in doc["minimum"]:
            errors.append("minimum without f")
    else:
        errors.append("no [minimum]")
    f_min = doc.get("minimum", {}).get("f", -math.inf)
    for i, entry in enumerate(doc.get("local_minima", [])):
        errors += check_point(problem, f"local_minima[{i}]", entry, True)
        if entry["f"] < f_min - 1e-12:
            errors.append(f"local_minima[{i}] is below the global minimum")
        for p in points:
            if np.allclose(p, entry["x"], rtol=1e-6, atol=1e-9):
                errors.append(f"local_minima[{i}] repeats a listed point")
        points.append(entry["x"])
    if problem.dimension == 2:
        plot = doc.get("plot")
        if plot is None:
            errors.append("two unknowns but no [plot]")
        else:
            (xlo, xhi), (ylo, yhi) = plot["x"], plot["y"]
            if not (xlo < xhi and ylo < yhi):
                errors.append("plot bounds are not increasing")
            if "x" in doc.get("minimum", {}):
                mx, my = doc["minimum"]["x"]
                if not (xlo <= mx <= xhi and ylo <= my <= yhi):
                    errors.append("plot bounds do not contain the minimum")
    f_star = doc.get("minimum", {}).get("f", math.nan)
    summary = (
        f"n={problem.dimension:<5} f(start)={f_start:<12.7g} f*={f_star:<20.15g}"
        f" local minima={len(doc.get('local_minima', []))}"
    )
    return errors, summary


def main(argv: list[str]) -> int:
    root = Path(__file__).resolve().parent.parent / "problems"
    paths = [Path(p) for p in argv] if argv else sorted(root.rglob("*.toml"))
    failed = 0
    for path in paths:
        try:
            errors, summary = check(path)
        except (ProblemError, KeyError, ValueError, OSError, tomllib.TOMLDecodeError) as exc:
            errors, summary = [f"{type(exc).__name__}: {exc}"], ""
        status = "ok  " if not errors else "FAIL"
        label = path.resolve().relative_to(root).with_suffix("") if path.resolve().is_relative_to(root) else path.stem
        print(f"{status} {str(label):<28} {summary}")
        for e in errors:
            print(f"       - {e}")
        failed += bool(errors)
    print(f"{len(paths) - failed} of {len(paths)} problem files pass")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
