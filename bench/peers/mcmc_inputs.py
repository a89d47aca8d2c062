#!/usr/bin/python3
"""Writes the inputs of the MCMC benchmark: FITS fits of POINTS points each, as CSV with columns
fit,x,y,err (rows of a fit together). Each fit is a quadratic [Fe/H] gradient like those of Fu et al.
(2022): x (R_GC, kpc) uniform on [6, 20], err uniform on [0.02, 0.15] dex,
y = a x^2 + b x + c + err * N(0, 1) with a, b, c varied a little from fit to fit.

Usage: mcmc_inputs.py OUTPUT.csv [--fits 100] [--points 400] [--seed 1]
Needs: python3-numpy (Debian).
"""
import argparse

import numpy as np


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("output")
    ap.add_argument("--fits", type=int, default=100)
    ap.add_argument("--points", type=int, default=400)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    with open(args.output, "w") as f:
        f.write("fit,x,y,err\n")
        for k in range(args.fits):
            a, b, c = 0.0025 + 0.001 * rng.standard_normal(), -0.11 + 0.02 * rng.standard_normal(), 0.55 + 0.1 * rng.standard_normal()
            x = 6 + 14 * rng.random(args.points)
            err = 0.02 + 0.13 * rng.random(args.points)
            y = a * x * x + b * x + c + err * rng.standard_normal(args.points)
            for xi, yi, ei in zip(x, y, err):
                f.write("fit%03d,%r,%r,%r\n" % (k, float(xi), float(yi), float(ei)))


if __name__ == "__main__":
    main()
