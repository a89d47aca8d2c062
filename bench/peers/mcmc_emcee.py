#!/usr/bin/python3
"""emcee on the MCMC benchmark's inputs: the same work as `ocengine bench mcmc`.

For each of the first --fits fits of INPUT (columns fit,x,y,err): weighted least squares for the
start, 300 walkers started at the solution plus 0.1 sigma x N(0,1), the stretch move (a = 2),
10,000 steps, flat priors, then np.percentile(16, 50, 84) of the chain after discarding 2,000 steps
and get_autocorr_time(discard=2000). --mode default calls the log-probability once per walker, as
emcee's documentation and the papers' scripts do; --mode vectorize evaluates each half-ensemble
in one numpy call (emcee's vectorize=True), the fastest emcee can go on one core.

Prints one JSON object: seconds per fit (the whole of the above, reading excluded) and each fit's
percentiles, tau and acceptance. Usage:
  mcmc_emcee.py INPUT.csv [--fits 1] [--mode default|vectorize] [--walkers 300] [--steps 10000]
                [--discard 2000] [--model quadratic|linear] [--seed 1]
Needs: python3-emcee, python3-numpy (Debian).
"""
import argparse
import json
import time

import emcee
import numpy as np


def load(path):
    fits = {}
    order = []
    with open(path) as f:
        next(f)
        for line in f:
            name, x, y, e = line.strip().split(",")
            if name not in fits:
                fits[name] = ([], [], [])
                order.append(name)
            fits[name][0].append(float(x))
            fits[name][1].append(float(y))
            fits[name][2].append(float(e))
    return [(n, np.array(fits[n][0]), np.array(fits[n][1]), np.array(fits[n][2])) for n in order]


def fit_one(x, y, err, args, seed):
    a = np.stack([x * x, x, np.ones_like(x)] if args.model == "quadratic" else [x, np.ones_like(x)], axis=1)
    w = 1.0 / err
    theta, *_ = np.linalg.lstsq(a * w[:, None], y * w, rcond=None)
    sigma = np.sqrt(np.diag(np.linalg.inv((a * w[:, None]).T @ (a * w[:, None]))))
    ivar = 1.0 / err ** 2
    if args.mode == "vectorize":
        def log_prob(p):
            return -0.5 * np.sum((y - p @ a.T) ** 2 * ivar, axis=1)
    elif args.model == "quadratic":
        def log_prob(p):
            m = (p[0] * x + p[1]) * x + p[2]
            return -0.5 * np.sum((y - m) ** 2 * ivar)
    else:
        def log_prob(p):
            return -0.5 * np.sum((y - (p[0] * x + p[1])) ** 2 * ivar)
    np.random.seed(seed)
    ndim = len(theta)
    p0 = theta + 0.1 * sigma * np.random.randn(args.walkers, ndim)
    sampler = emcee.EnsembleSampler(args.walkers, ndim, log_prob, vectorize=args.mode == "vectorize")
    sampler.run_mcmc(p0, args.steps)
    q = np.percentile(sampler.get_chain(discard=args.discard, flat=True), [16, 50, 84], axis=0)
    tau = sampler.get_autocorr_time(discard=args.discard, quiet=True)
    return q, tau, float(np.mean(sampler.acceptance_fraction))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input")
    ap.add_argument("--fits", type=int, default=1)
    ap.add_argument("--mode", choices=["default", "vectorize"], default="default")
    ap.add_argument("--walkers", type=int, default=300)
    ap.add_argument("--steps", type=int, default=10000)
    ap.add_argument("--discard", type=int, default=2000)
    ap.add_argument("--model", choices=["quadratic", "linear"], default="quadratic")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    data = load(args.input)[: args.fits]
    names = ["a", "b", "c"] if args.model == "quadratic" else ["slope", "intercept"]
    out = {"emcee": emcee.__version__, "numpy": np.__version__, "mode": args.mode, "seconds": [], "fits": []}
    for k, (name, x, y, err) in enumerate(data):
        t0 = time.perf_counter()
        q, tau, acc = fit_one(x, y, err, args, args.seed + k)
        out["seconds"].append(time.perf_counter() - t0)
        out["fits"].append({"fit": name, "acceptance": acc, "parameters": {
            p: {"p16": float(q[0, d]), "p50": float(q[1, d]), "p84": float(q[2, d]), "tau": float(tau[d])} for d, p in enumerate(names)}})
    print(json.dumps(out))


if __name__ == "__main__":
    main()
