#!/usr/bin/python3
"""Times ocengine's orbit integration against galpy on identical inputs, in one session, and checks agreement.

  orbits  the first --limit clusters of --clusters with a full phase-space position (distance in pc, else
          1/parallax; proper motions; RV), written once to a small CSV that every tool reads, put in the
          Galactocentric frame of SPEC.md 6 and integrated back 500 Myr in McMillan (2017) on one core:
          `ocengine bench orbits --threads 1 --device cpu` (DOP853, tolerance 1e-10, peri/apo/Z_max on the
          dense output; timed warm as the bench reports it: a warm-up run, then --ocengine-repeat timed
          runs whose median is the round's time; no JVM start, no reading) against galpy's dop853_c with
          numcores=1 (bench/peers/orbits_galpy.py: its default tolerance, output every 0.5 Myr; the
          integrate call alone).

Each round runs both tools, interleaved, so that drifts of a shared machine hit them alike; the ratio is
taken per round on the time per orbit (galpy over ocengine) and its median reported with its range; a
ratio whose range includes 1 is reported as "no difference". Agreement (untimed, once): `ocengine orbits
--mc 0` on the same rows against galpy's per-orbit values (`orbits_galpy.py --per-orbit`): the largest
relative differences of r_peri, r_apo, ecc and z_max. galpy takes its extremes on the 0.5 Myr outputs,
ocengine at the turning points, and the two codes implement McMillan (2017) separately, so differences of
order 1e-3 are expected (ecc relatively more when it is small: a difference of nearly equal radii).

Needs the Debian packages python3-galpy, python3-astropy and python3-numpy, and a JDK 21+ (the ocengine
launcher finds it). Installs nothing. Usage:
  bench/peers/run_orbits_peers.py [--clusters ../shared/data/clusters/HUNT2023.csv] [--limit 200]
                                  [--rounds 3] [--ocengine-repeat 3] [--work DIR] [--out bench/results/NAME.json]
"""
import argparse
import csv
import datetime
import json
import math
import os
import statistics
import sys

from peerlib import HERE, OCENGINE, PY, ROOT, machine, ratio, require, run, summary
LOOKBACK_MYR = 500
POTENTIAL = "mcmillan17"
QUANTITIES = ("r_peri", "r_apo", "ecc", "z_max")


def write_inputs(clusters, limit, path):
    """Copies the first `limit` rows with a full phase-space position (orbits_galpy's rule, which is also
    ocengine's) to `path`, all columns kept; returns how many."""
    sys.path.insert(0, HERE)
    sys.dont_write_bytecode = True  # no __pycache__ left in the checkout
    from orbits_galpy import number
    kept = 0
    with open(clusters, newline="") as f, open(path + ".tmp", "w", newline="") as out:
        reader = csv.DictReader(f)
        writer = csv.DictWriter(out, fieldnames=reader.fieldnames)
        writer.writeheader()
        for row in reader:
            d, p = number(row, "distance"), number(row, "parallax")
            values = [number(row, k) for k in ("ra", "dec", "pmra", "pmdec", "rv")]
            if (d > 0 or p > 0) and all(math.isfinite(v) for v in values):
                writer.writerow(row)
                kept += 1
                if kept == limit:
                    break
    os.replace(path + ".tmp", path)
    return kept


def ocengine_round(inputs, limit, repeat, work):
    out_json = os.path.join(work, "ocengine-bench.json")
    run([OCENGINE, "bench", "orbits", "--clusters", inputs, "--limit", str(limit), "--threads", "1", "--repeat", str(repeat),
         "--device", "cpu", "--potential", POTENTIAL, "--lookback", str(LOOKBACK_MYR), "--json", out_json, "--quiet"])
    with open(out_json) as f:
        r = json.load(f)
    if r["failed"]:
        sys.exit("run_orbits_peers: ocengine failed %d orbits" % r["failed"])
    return r["median_s"], r["orbits"]


def galpy_round(inputs, limit, work, per_orbit=None):
    out_json = os.path.join(work, "galpy.json")
    cmd = [PY, os.path.join(HERE, "orbits_galpy.py"), "--clusters", inputs, "--limit", str(limit),
           "--potential", POTENTIAL, "--lookback", str(LOOKBACK_MYR), "--json", out_json]
    run(cmd + (["--per-orbit", per_orbit] if per_orbit else []))
    with open(out_json) as f:
        r = json.load(f)
    return r["seconds"], r["orbits"]


def agreement(inputs, galpy_csv, work):
    """Largest relative differences of the orbit products, `ocengine orbits --mc 0` against galpy."""
    ours_csv = os.path.join(work, "ocengine-orbits.csv")
    run([OCENGINE, "orbits", "--clusters", inputs, "--mc", "0", "--potential", POTENTIAL, "--lookback", str(LOOKBACK_MYR),
         "--device", "cpu", "--threads", "1", "--out", ours_csv, "--quiet"])
    with open(ours_csv, newline="") as f:
        ours = list(csv.DictReader(f))
    with open(galpy_csv, newline="") as f:
        theirs = list(csv.DictReader(f))
    worst = {q: {"max_rel_diff": 0.0} for q in QUANTITIES}
    compared = 0
    for g in theirs:
        o = ours[int(g["row"])]
        if not all(o[q] not in ("", None) and math.isfinite(float(o[q])) for q in QUANTITIES):
            continue
        compared += 1
        for q in QUANTITIES:
            a, b = float(o[q]), float(g[q])
            rel = abs(a - b) / abs(b) if b != 0 else abs(a - b)
            if rel > worst[q]["max_rel_diff"]:
                worst[q] = {"max_rel_diff": rel, "row": int(g["row"]), "ocengine": a, "galpy": b}
    return {"orbits_compared": compared, "orbits_galpy": len(theirs), "ocengine": "ocengine orbits --mc 0 (DOP853)",
            "galpy": "dop853_c, extremes on the 0.5 Myr outputs", "largest_relative_differences": worst}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clusters", default=os.path.join(ROOT, "..", "shared", "data", "clusters", "HUNT2023.csv"))
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--ocengine-repeat", type=int, default=3, help="timed ocengine runs per round after its warm-up")
    ap.add_argument("--work", default="/tmp/ocengine-orbits-peers")
    ap.add_argument("--out", default=None)
    args = ap.parse_args()
    require((("numpy", "python3-numpy"), ("astropy", "python3-astropy"), ("galpy", "python3-galpy")))
    os.makedirs(args.work, exist_ok=True)
    clusters = os.path.normpath(os.path.abspath(args.clusters))
    inputs = os.path.join(args.work, "clusters_%d.csv" % args.limit)
    n = write_inputs(clusters, args.limit, inputs)
    if n < args.limit:
        print("run_orbits_peers: only %d usable rows in %s" % (n, clusters), file=sys.stderr)
    result = {"date": datetime.date.today().isoformat(), "command": " ".join(sys.argv), "machine": machine(("numpy", "astropy", "galpy")),
              "inputs": "the first %d rows of %s with distance (or parallax), pm and RV" % (n, clusters), "cases": {}}
    case = "%d cluster orbits, McMillan17, %d Myr, one core" % (n, LOOKBACK_MYR)
    names = ("galpy dop853_c (numcores=1)", "ocengine DOP853 (1 thread, warm)")
    seconds = {t: [] for t in names}
    orbits = {}
    galpy_csv = os.path.join(args.work, "galpy-orbits.csv")
    for rnd in range(1, args.rounds + 1):
        print("round %d of %d" % (rnd, args.rounds), flush=True)
        for tool in names:
            if tool.startswith("galpy"):
                s, orbits[tool] = galpy_round(inputs, n, args.work, galpy_csv if rnd == 1 else None)
            else:
                s, orbits[tool] = ocengine_round(inputs, n, args.ocengine_repeat, args.work)
            seconds[tool].append(s)
            print("  %-36s %9.3f s  %9.1f orbits/s" % (tool, s, orbits[tool] / s), flush=True)
    if orbits[names[0]] != orbits[names[1]]:
        sys.exit("run_orbits_peers: the tools integrated different numbers of orbits: %s" % orbits)
    per_orbit = {t: [s / orbits[t] for s in seconds[t]] for t in names}
    entry = {"tools": {t: dict(summary(seconds[t]), orbits=orbits[t], orbits_per_s_per_core=orbits[t] / statistics.median(seconds[t]))
                       for t in names},
             "ratios": {"%s / %s (time per orbit)" % names: ratio(per_orbit[names[0]], per_orbit[names[1]])},
             "agreement_with_galpy": agreement(inputs, galpy_csv, args.work)}
    result["cases"][case] = entry
    text = json.dumps(result, indent=2)
    if args.out:
        with open(args.out + ".tmp", "w") as f:
            f.write(text + "\n")
        os.replace(args.out + ".tmp", args.out)
    print(text)


if __name__ == "__main__":
    main()
