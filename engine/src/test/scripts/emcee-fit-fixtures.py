#!/usr/bin/python3
"""Regenerates the emcee references that EmceeAgreementTest checks the ensemble sampler against
(CI has no emcee, so the answers are committed), in engine/src/test/resources/fit/:

  quadratic400.csv      400 synthetic points x (kpc), y ([Fe/H], dex), err (dex): x uniform on
                        [6, 20], err uniform on [0.02, 0.15], y = 0.0025 x^2 - 0.11 x + 0.55 + err * N(0,1)
                        (numpy default_rng(SEED)).
  zhong2020_flag3.csv   the real clusters of Zhong et al. 2020 (A&A 640, A127; ../shared/data/clusters/
                        ZHONG2020.csv) with at least 3 [Fe/H] stars (o_[Fe/H] >= 3) and a positive
                        e_[Fe/H]: x = RGC / 1000 (kpc), y = [Fe/H], err = e_[Fe/H].
  autocorr-series.csv   4 walkers x 2000 steps of x_i = 0.9 x_{i-1} + u_i (u uniform), for the exact
                        comparison of the autocorrelation time.
  emcee-reference.properties
                        for each (data set, model): emcee 3 with 300 walkers x 10,000 steps, the stretch
                        move a = 2, flat priors, walkers started at the weighted-least-squares solution
                        plus 0.1 sigma x N(0,1); percentiles 16/50/84 of the flat chain after discarding
                        2,000 steps (np.percentile), get_autocorr_time(discard=2000) and the mean
                        acceptance fraction. Also emcee.autocorr.integrated_time and function_1d of the
                        AR(1) series.

Usage: /usr/bin/python3 engine/src/test/scripts/emcee-fit-fixtures.py   (needs python3-emcee, numpy;
takes a few minutes). Environment: SEED (default 20260601).
"""
import csv
import os
import sys

import emcee
import numpy as np

SEED = int(os.environ.get("SEED", "20260601"))
HERE = os.path.dirname(os.path.abspath(__file__))
ENGINE = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
ROOT = os.path.dirname(ENGINE)
OUT = os.path.join(ENGINE, "src", "test", "resources", "fit")
SHARED = os.path.join(ROOT, "..", "shared", "data", "clusters", "ZHONG2020.csv")
WALKERS, STEPS, DISCARD = 300, 10_000, 2_000


def write_points(name, x, y, err):
    with open(os.path.join(OUT, name), "w") as f:
        f.write("x,y,err\n")
        for a, b, c in zip(x, y, err):
            f.write("%r,%r,%r\n" % (float(a), float(b), float(c)))


def quadratic400():
    rng = np.random.default_rng(SEED)
    x = 6 + 14 * rng.random(400)
    err = 0.02 + 0.13 * rng.random(400)
    y = 0.0025 * x * x - 0.11 * x + 0.55 + err * rng.standard_normal(400)
    return x, y, err


def zhong2020():
    x, y, err = [], [], []
    with open(SHARED, newline="") as f:
        for r in csv.DictReader(f):
            try:
                n, e, feh, rgc = float(r["o_[Fe/H]"]), float(r["e_[Fe/H]"]), float(r["[Fe/H]"]), float(r["RGC"])
            except ValueError:
                continue
            if n >= 3 and e > 0 and np.isfinite(feh) and np.isfinite(rgc):
                x.append(rgc / 1000.0)
                y.append(feh)
                err.append(e)
    return np.array(x), np.array(y), np.array(err)


def design(model, x):
    if model == "linear":
        return np.stack([x, np.ones_like(x)], axis=1)
    return np.stack([x * x, x, np.ones_like(x)], axis=1)


def run_emcee(model, x, y, err, seed):
    a = design(model, x)
    w = 1.0 / err
    theta, *_ = np.linalg.lstsq(a * w[:, None], y * w, rcond=None)
    cov = np.linalg.inv((a * w[:, None]).T @ (a * w[:, None]))
    sigma = np.sqrt(np.diag(cov))
    ivar = 1.0 / err ** 2

    def log_prob(p):  # vectorised: p is (n, ndim); flat priors
        m = p @ a.T
        return -0.5 * np.sum((y - m) ** 2 * ivar, axis=1)

    np.random.seed(seed)
    p0 = theta + 0.1 * sigma * np.random.randn(WALKERS, len(theta))
    sampler = emcee.EnsembleSampler(WALKERS, len(theta), log_prob, vectorize=True)
    sampler.run_mcmc(p0, STEPS)
    flat = sampler.get_chain(discard=DISCARD, flat=True)
    q = np.percentile(flat, [16, 50, 84], axis=0)
    tau = sampler.get_autocorr_time(discard=DISCARD, quiet=True)
    return theta, sigma, q, tau, float(np.mean(sampler.acceptance_fraction))


def main():
    os.makedirs(OUT, exist_ok=True)
    lines = ["# emcee reference for EmceeAgreementTest. Written by engine/src/test/scripts/emcee-fit-fixtures.py; do not edit.",
             "# emcee %s, numpy %s, python %s" % (emcee.__version__, np.__version__, sys.version.split()[0]),
             "seed=%d" % SEED, "walkers=%d" % WALKERS, "steps=%d" % STEPS, "discard=%d" % DISCARD]
    cases = [("quadratic400.csv", quadratic400()), ("zhong2020_flag3.csv", zhong2020())]
    k = 0
    for name, (x, y, err) in cases:
        write_points(name, x, y, err)
        for model in ("linear", "quadratic"):
            theta, sigma, q, tau, acc = run_emcee(model, x, y, err, SEED + k)
            names = ["slope", "intercept"] if model == "linear" else ["a", "b", "c"]
            lines += ["case.%d.data=%s" % (k, name), "case.%d.model=%s" % (k, model), "case.%d.points=%d" % (k, len(x)),
                      "case.%d.acceptance=%r" % (k, acc)]
            for d, pname in enumerate(names):
                p = "case.%d.%s." % (k, pname)
                lines += [p + "wls=%r" % float(theta[d]), p + "wls_err=%r" % float(sigma[d]), p + "p16=%r" % float(q[0, d]),
                          p + "p50=%r" % float(q[1, d]), p + "p84=%r" % float(q[2, d]), p + "tau=%r" % float(tau[d])]
            print("%s %s: acceptance %.3f, tau %s" % (name, model, acc, np.round(tau, 1)), flush=True)
            k += 1
    lines.append("cases=%d" % k)
    rng = np.random.default_rng(SEED + 100)
    series = np.zeros((2000, 4))
    u = rng.random((2000, 4))
    for i in range(1, 2000):
        series[i] = 0.9 * series[i - 1] + u[i]
    with open(os.path.join(OUT, "autocorr-series.csv"), "w") as f:
        f.write("w0,w1,w2,w3\n")
        for row in series:
            f.write(",".join(repr(float(v)) for v in row) + "\n")
    lines.append("autocorr.tau=%r" % float(emcee.autocorr.integrated_time(series, quiet=True)[0]))
    acf = emcee.autocorr.function_1d(series[:, 0])
    for lag in (0, 1, 2, 5, 10, 50, 200, 1999):
        lines.append("autocorr.acf0.%d=%r" % (lag, float(acf[lag])))
    with open(os.path.join(OUT, "emcee-reference.properties"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
