#!/usr/bin/env python3
"""Peer measurements for `optimize-bench`: the same workloads in PyTorch and JAX.

Workloads (the same functions as problems/goldstein.toml, rosenbrock.toml, beale.toml and
rosenbrock-n.toml):
  1. derivative cost: value, gradient and Hessian per call of Goldstein-Price, Rosenbrock and
     Beale at their standard starts;
  2. scaling: chained Rosenbrock at n = 10, 1e3, 1e5, 1e6: value, gradient, Hessian-vector product
     in the direction v_i = 1/i (i = 1..n), the direction optimize-bench uses.

Variants: torch-eager (autograd backward(); torch.func for Hessians and HVPs), jax (no jit),
jax-jit, and for the chained Rosenbrock's gradient jax-jit-value-and-grad (jax.value_and_grad,
which returns f too, as our gradient call does). Whichever library is missing is skipped with a
note on stderr.

Threads: with --threads 1 (the default) both libraries are held to one thread, as our fast path
is in its single-threaded rows: torch.set_num_threads(1), for XLA the flags below, set before
JAX is imported, and the whole process bound to one CPU (sched_setaffinity). With --threads all each library uses every core its own way; the variants are
then suffixed -N-threads (N = the core count) and only the chained Rosenbrock is measured (the
two-variable workloads do not split). Each row says how many cores it kept busy: CPU time over
wall time while it was timed (cpu_over_wall), so a pinning that did not take shows.

Output: CSV on stdout (or --out FILE) with the columns
  workload,variant,n,seconds_per_call,seconds_min,seconds_max,cpu_over_wall
where workload is "<function>:<operation>" and the seconds are per call: the median, minimum and
maximum over repeated timed batches. Install the peers with `pip install torch jax`.
"""

import argparse
import csv
import os
import sys
import time
import warnings

# Importing torch.func makes torch.jit warn that it is deprecated; that is not about this script.
warnings.filterwarnings("ignore", category=FutureWarning, module=r"torch(\.|$)")

START = {
    "goldstein": [-0.5, 0.25],
    "rosenbrock": [-1.2, 1.0],
    "beale": [1.0, 1.0],
}


def goldstein(x, y):
    a = 1 + (x + y + 1) ** 2 * (19 - 14 * x + 3 * x**2 - 14 * y + 6 * x * y + 3 * y**2)
    b = 30 + (2 * x - 3 * y) ** 2 * (18 - 32 * x + 12 * x**2 + 48 * y - 36 * x * y + 27 * y**2)
    return a * b


def rosenbrock(x, y):
    return 100 * (y - x**2) ** 2 + (1 - x) ** 2


def beale(x, y):
    return (1.5 - x + x * y) ** 2 + (2.25 - x + x * y**2) ** 2 + (2.625 - x + x * y**3) ** 2


FUNCTIONS = {"goldstein": goldstein, "rosenbrock": rosenbrock, "beale": beale}


def chained_rosenbrock(x):
    head = x[:-1]
    return (100 * (x[1:] - head**2) ** 2 + (1 - head) ** 2).sum()


def measure(call, budget):
    """Median, min and max seconds per call over timed batches sized to ~budget/15 seconds, and
    the process's CPU time over the wall time of those batches (about 1 on one thread)."""
    call()  # warm-up (and JIT compilation)
    batch = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(batch):
            call()
        elapsed = time.perf_counter() - t0
        if elapsed >= budget / 15 or batch >= 1 << 24:
            break
        batch *= 2
    samples = []
    wall0, cpu0 = time.perf_counter(), time.process_time()
    for _ in range(9):
        t0 = time.perf_counter()
        for _ in range(batch):
            call()
        samples.append((time.perf_counter() - t0) / batch)
    cpu_over_wall = (time.process_time() - cpu0) / (time.perf_counter() - wall0)
    samples.sort()
    return samples[len(samples) // 2], samples[0], samples[-1], cpu_over_wall


def pin_to_one_thread():
    """Holds the process to one core: XLA's thread flags alone did not (its CPU runtime kept
    about two cores busy, by cpu_over_wall), so the process is also bound to a single CPU.
    Must run before JAX is imported."""
    flags = "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1"
    os.environ["XLA_FLAGS"] = (os.environ.get("XLA_FLAGS", "") + " " + flags).strip()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def torch_rows(sizes, budget, threads):
    try:
        import torch
        from torch.func import hessian, jvp, grad
    except (ImportError, OSError) as error:  # OSError: a broken install's missing libraries
        print(f"peers: PyTorch cannot be imported ({error}); skipping it", file=sys.stderr)
        return []
    torch.set_num_threads(threads)
    suffix = "" if threads == 1 else f"-{threads}-threads"
    rows = []
    for name, f in FUNCTIONS.items() if threads == 1 else ():
        x0 = torch.tensor(START[name], dtype=torch.float64)

        def value(f=f, x0=x0):
            with torch.no_grad():
                return f(x0[0], x0[1]).item()

        def gradient(f=f, x0=x0):
            x = x0.clone().requires_grad_(True)
            f(x[0], x[1]).backward()
            return x.grad

        def hess(f=f, x0=x0):
            return hessian(lambda v: f(v[0], v[1]))(x0)

        for op, call in (("value", value), ("gradient", gradient), ("hessian", hess)):
            rows.append((f"{name}:{op}", "torch-eager" + suffix, 2) + measure(call, budget))
    for n in sizes:
        x0 = torch.tensor([-1.2, 1.0] * (n // 2), dtype=torch.float64)
        v = 1.0 / torch.arange(1, n + 1, dtype=torch.float64)  # optimize-bench's direction

        def value(x0=x0):
            with torch.no_grad():
                return chained_rosenbrock(x0).item()

        def gradient(x0=x0):
            x = x0.clone().requires_grad_(True)
            chained_rosenbrock(x).backward()
            return x.grad

        def hvp(x0=x0, v=v):
            return jvp(grad(chained_rosenbrock), (x0,), (v,))[1]

        for op, call in (("value", value), ("gradient", gradient), ("hvp", hvp)):
            rows.append(("rosenbrock-n:" + op, "torch-eager" + suffix, n) + measure(call, budget))
    return rows


def jax_rows(sizes, budget, threads):
    if threads == 1:
        pin_to_one_thread()
    suffix = "" if threads == 1 else f"-{threads}-threads"
    try:
        import jax
        import jax.numpy as jnp
    except (ImportError, OSError) as error:
        print(f"peers: JAX cannot be imported ({error}); skipping it", file=sys.stderr)
        return []
    jax.config.update("jax_enable_x64", True)
    rows = []
    for jit in (False, True):
        variant = ("jax-jit" if jit else "jax") + suffix
        wrap = jax.jit if jit else (lambda g: g)
        for name, f in FUNCTIONS.items() if threads == 1 else ():
            x0 = jnp.array(START[name], dtype=jnp.float64)
            fv = lambda v, f=f: f(v[0], v[1])
            value = wrap(fv)
            gradient = wrap(jax.grad(fv))
            hess = wrap(jax.hessian(fv))
            for op, fn in (("value", value), ("gradient", gradient), ("hessian", hess)):
                rows.append(
                    (f"{name}:{op}", variant, 2)
                    + measure(lambda fn=fn, x0=x0: jax.block_until_ready(fn(x0)), budget)
                )
        for n in sizes:
            if not jit and n > 100_000:
                continue  # op-by-op dispatch at this size says nothing new and takes long
            x0 = jnp.array([-1.2, 1.0] * (n // 2), dtype=jnp.float64)
            v = 1.0 / jnp.arange(1, n + 1, dtype=jnp.float64)  # optimize-bench's direction
            value = wrap(chained_rosenbrock)
            gradient = wrap(jax.grad(chained_rosenbrock))
            hvp = wrap(lambda x, v: jax.jvp(jax.grad(chained_rosenbrock), (x,), (v,))[1])
            for op, call in (
                ("value", lambda: jax.block_until_ready(value(x0))),
                ("gradient", lambda: jax.block_until_ready(gradient(x0))),
                ("hvp", lambda: jax.block_until_ready(hvp(x0, v))),
            ):
                rows.append(("rosenbrock-n:" + op, variant, n) + measure(call, budget))
            if jit:
                # jax.grad returns the gradient alone, and XLA then drops the final sum; our
                # gradient call (like PyTorch's forward + backward) also yields f. This variant
                # does the same work as ours.
                both = jax.jit(jax.value_and_grad(chained_rosenbrock))
                call = lambda: jax.block_until_ready(both(x0))
                rows.append(
                    ("rosenbrock-n:gradient", "jax-jit-value-and-grad" + suffix, n)
                    + measure(call, budget)
                )
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="shorter batches, fewer sizes")
    parser.add_argument("--out", help="write the CSV here instead of stdout")
    parser.add_argument(
        "--threads", choices=["1", "all"], default="1",
        help="1: both libraries on one thread (default); all: every core, chained Rosenbrock only")
    args = parser.parse_args()
    threads = 1 if args.threads == "1" else os.cpu_count() or 1
    sizes = [10, 1000, 100_000] if args.quick else [10, 1000, 100_000, 1_000_000]
    if threads > 1:
        sizes = [n for n in sizes if n >= 100_000]
    budget = 0.2 if args.quick else 1.0
    # JAX first: pinning XLA must happen before anything imports it, and torch does not.
    rows = jax_rows(sizes, budget, threads) + torch_rows(sizes, budget, threads)
    out = open(args.out, "w", newline="") if args.out else sys.stdout
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        ["workload", "variant", "n", "seconds_per_call", "seconds_min", "seconds_max",
         "cpu_over_wall"])
    for row in rows:
        writer.writerow([row[0], row[1], row[2]] + [repr(float(v)) for v in row[3:]])
    if args.out:
        out.close()


if __name__ == "__main__":
    main()
