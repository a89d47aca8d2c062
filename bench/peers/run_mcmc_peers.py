#!/usr/bin/python3
"""Times ocengine's ensemble-MCMC gradient fits against emcee 3 on identical inputs, in one session.

  one fit    a 300-walker x 10,000-step quadratic fit on 400 points (least-squares start, stretch move
             a = 2, percentiles 16/50/84 after 2,000 discarded steps, autocorrelation times):
             emcee as documented (one log-probability call per walker), emcee vectorised
             (vectorize=True), and `ocengine bench mcmc` with the likelihood from normal equations
             (sums, the default) and point by point (points, emcee's arithmetic).
  sweep      100 such fits (one batch) with `ocengine bench mcmc --fits 100`, against emcee run on
             --emcee-sweep-fits of them one after the other and scaled to 100 (emcee has no batch; a
             full emcee sweep takes hours: the scaled figure is labelled as an estimate).

Each case runs --rounds times with the tools interleaved, so that drifts of a shared machine hit them
alike; ratios are taken per round (emcee over ocengine) and their median reported with their range.
ocengine is timed warm (`bench mcmc`: a warm-up run, then the timed run; no JVM start), emcee from
the sampler's construction (reading excluded). Agreement: ocengine's percentiles of every parameter of
fit 0 against emcee's, in units of the posterior width p84 - p16 (independent random streams: a few
tenths of a percent apart is sampling noise), and the ratio of the autocorrelation times.

Needs the Debian packages python3-emcee and python3-numpy, and a JDK 21+ (the ocengine launcher finds
it). Installs nothing. Usage:
  bench/peers/run_mcmc_peers.py [--work DIR] [--rounds 3] [--emcee-sweep-fits 2] [--out bench/results/NAME.json]
                                [--steps 10000]   (fewer steps only to try the script out; a fifth is discarded)
"""
import argparse
import datetime
import json
import os
import statistics
import sys

from peerlib import HERE, OCENGINE, PY, machine, ratio, run, summary


def emcee_fits(inputs, fits, mode):
    return json.loads(run([PY, os.path.join(HERE, "mcmc_emcee.py"), inputs, "--fits", str(fits), "--mode", mode,
                           "--steps", str(STEPS), "--discard", str(STEPS // 5)])[1])


def ocengine(inputs, fits, likelihood, work):
    out_json = os.path.join(work, "bench.json")
    out_csv = os.path.join(work, "ours.csv")
    run([OCENGINE, "bench", "mcmc", "--input", inputs, "--fits", str(fits), "--likelihood", likelihood, "--repeat", "1",
         "--steps", str(STEPS), "--discard", str(STEPS // 5), "--device", "cpu", "--json", out_json, "--out", out_csv, "--quiet"])
    with open(out_json) as f:
        r = json.load(f)
    params = {}
    with open(out_csv) as f:
        next(f)
        for line in f:
            fit, p, q16, q50, q84, tau, acc = line.strip().split(",")
            if fit == "fit000":
                params[p] = {"p16": float(q16), "p50": float(q50), "p84": float(q84), "tau": float(tau)}
    return r["median_s"], params


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", default="/tmp/ocengine-mcmc-peers")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--emcee-sweep-fits", type=int, default=2)
    ap.add_argument("--out", default=None)
    ap.add_argument("--steps", type=int, default=10000)
    args = ap.parse_args()
    global STEPS
    STEPS = args.steps
    os.makedirs(args.work, exist_ok=True)
    inputs = os.path.join(args.work, "mcmc_100x400.csv")
    run([PY, os.path.join(HERE, "mcmc_inputs.py"), inputs, "--fits", "100", "--points", "400"])
    result = {"date": datetime.date.today().isoformat(), "command": " ".join(sys.argv), "machine": machine(("numpy", "emcee")), "cases": {}}
    one, sweep = "quadratic fit 300x%d on 400 points" % STEPS, "sweep of 100 such fits"
    times = {one: {}, sweep: {}}
    agreement = []

    def note(case, tool, s):
        times[case].setdefault(tool, []).append(s)
        print("  %-40s %-42s %9.3f s" % (case, tool, s), flush=True)

    for rnd in range(1, args.rounds + 1):
        print("round %d of %d" % (rnd, args.rounds), flush=True)
        e = emcee_fits(inputs, 1, "default")
        note(one, "emcee (one call per walker)", e["seconds"][0])
        ev = emcee_fits(inputs, 1, "vectorize")
        note(one, "emcee (vectorize=True)", ev["seconds"][0])
        s, ours = ocengine(inputs, 1, "sums", args.work)
        note(one, "ocengine (normal equations, warm)", s)
        s, ours_points = ocengine(inputs, 1, "points", args.work)
        note(one, "ocengine (point by point, warm)", s)
        s, _ = ocengine(inputs, 100, "sums", args.work)
        note(sweep, "ocengine 100 fits in one batch (warm)", s)
        es = emcee_fits(inputs, args.emcee_sweep_fits, "vectorize")
        note(sweep, "emcee vectorize=True, 100 x mean of %d fits (estimate)" % args.emcee_sweep_fits,
             100 * statistics.mean(es["seconds"]))
        ref = e["fits"][0]["parameters"]
        for label, theirs in (("sums", ours), ("points", ours_points)):
            worst = max(abs(theirs[p][q] - ref[p][q]) / (ref[p]["p84"] - ref[p]["p16"]) for p in ref for q in ("p16", "p50", "p84"))
            taus = [theirs[p]["tau"] / ref[p]["tau"] for p in ref]
            agreement.append({"round": rnd, "ocengine": label, "max_percentile_offset_of_width": worst,
                              "tau_ratio_range": [min(taus), max(taus)]})
    for case, tools in times.items():
        entry = {"tools": {t: summary(v) for t, v in tools.items()}, "ratios": {}}
        names = list(tools)
        ours = [t for t in names if t.startswith("ocengine")]
        peers = [t for t in names if t.startswith("emcee")]
        for p in peers:
            for o in ours:
                entry["ratios"]["%s / %s" % (p, o)] = ratio(tools[p], tools[o])
        result["cases"][case] = entry
    result["cases"][one]["agreement_with_emcee"] = agreement
    text = json.dumps(result, indent=2)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
