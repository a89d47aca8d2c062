#!/usr/bin/python3
"""Vectorised numpy equivalent of ocengine's grouped Monte-Carlo (SPEC.md 5), for timing and agreement.

Reads a CSV with columns group,value,error (one row per star, groups contiguous), draws `draws`
realisations per group with numpy's default generator, and prints per-group mean, std of the
per-draw means, median of the per-draw medians, std of the per-draw medians and the pooled
dispersion as CSV, and prints one JSON line with the wall time of the sampling and reductions
(reading excluded).

Usage: mc_numpy.py INPUT.csv OUTPUT.csv [--draws 5000] [--seed 1]
Needs: python3-numpy (Debian).
"""
import argparse
import json
import time

import numpy as np


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--draws", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    data = np.genfromtxt(args.input, delimiter=",", names=True, dtype=None, encoding="utf-8")
    groups = data["group"]
    values = data["value"].astype(float)
    errors = data["error"].astype(float)
    bounds = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1], True])
    rng = np.random.default_rng(args.seed)
    rows = []
    t0 = time.perf_counter()
    for g in range(len(bounds) - 1):
        lo, hi = bounds[g], bounds[g + 1]
        v = values[lo:hi]
        e = errors[lo:hi]
        x = v + e * rng.standard_normal((args.draws, hi - lo))  # draws x stars
        means = x.mean(axis=1)
        medians = np.median(x, axis=1)
        rows.append((groups[lo], means.mean(), means.std(), np.median(medians), medians.std(), x.std()))
    elapsed = time.perf_counter() - t0
    with open(args.output, "w") as f:
        f.write("group,mean,mean_std,median,median_std,dispersion\n")
        for r in rows:
            f.write("%s,%.17g,%.17g,%.17g,%.17g,%.17g\n" % r)
    print(json.dumps({"seconds": elapsed, "groups": len(rows), "stars": int(len(values)), "draws": args.draws}))


if __name__ == "__main__":
    main()
