#!/usr/bin/env python3
"""Reference iterates from PyTorch's optimizers on f(x) = 1/2 * a * x^2 (a = 2, x0 = 1).

Prints the first iterates of SGD, SGD with momentum (with and without dampening), Nesterov and
Adam, to compare with Tests/SolversTests/FirstOrderIterateTests.swift (whose expected values are
derived by hand). Not used by the build or the tests. Needs torch (pip install torch).
"""
import torch

A = 2.0


def iterates(make_optimizer, steps):
    x = torch.tensor([1.0], dtype=torch.float64, requires_grad=True)
    opt = make_optimizer([x])
    out = [x.item()]
    for _ in range(steps):
        opt.zero_grad()
        loss = 0.5 * A * x * x
        loss.backward()
        opt.step()
        out.append(x.item())
    return out


cases = {
    "sgd lr=0.1": lambda p: torch.optim.SGD(p, lr=0.1),
    "momentum lr=0.1 mu=0.9": lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9),
    "momentum lr=0.1 mu=0.9 dampening=0.5": lambda p: torch.optim.SGD(
        p, lr=0.1, momentum=0.9, dampening=0.5),
    "nesterov lr=0.1 mu=0.9": lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, nesterov=True),
    "adam lr=0.1": lambda p: torch.optim.Adam(p, lr=0.1, foreach=False),
}
for name, make in cases.items():
    print(f"{name}: " + ", ".join(f"{v:.17g}" for v in iterates(make, 3)))
