#!/usr/bin/python3
"""Times ocengine against the peer tools on identical inputs, in one session, and checks agreement.

  cross-match  STILTS `tmatch2 matcher=sky find=all` (whole command: JVM start, read, match, write)
               and astropy `search_around_sky` (the match call alone, inputs already in memory)
               against `ocengine xmatch` (whole command) and `ocengine bench xmatch` (match alone,
               warm), on 10^5 x 10^5 and 10^6 x 10^6 positions over 20 deg^2 at 3.5 arcsec; and
               10^6 x 10^7 for ocengine in a 4 GB heap (the peers too with --peers-1e7).
  Monte-Carlo  the vectorised numpy equivalent (bench/peers/mc_numpy.py) against `ocengine bench
               montecarlo`: 1000 clusters x 100 stars x 5000 draws, mean/std of per-draw means,
               median/std of per-draw medians, pooled dispersion.

Each case runs --rounds times, the tools interleaved within a round so that drifts of a shared
machine hit all of them alike; ratios are taken per round (peer over ocengine) and their median is
reported with their range, and a ratio whose range includes 1 is reported as "no difference". Agreement: equal pair counts; Monte-Carlo
statistics within 5 combined sampling errors of numpy's (different random streams).

Needs the Debian packages stilts, python3-numpy and python3-astropy, and a JDK 21+ (the ocengine
launcher finds it). Installs nothing.

Usage: bench/peers/run_peers.py [--work DIR] [--rounds 3] [--out bench/results/NAME.json] [--peers-1e7]
                                [--cases xmatch,montecarlo]
"""
import argparse
import datetime
import json
import math
import os
import re
import subprocess
import sys

from peerlib import HERE, OCENGINE, PY, machine, ratio, require, run, summary


def stilts_version():
    out = subprocess.run(["stilts", "-version"], capture_output=True, text=True).stdout
    m = re.search(r"STILTS version (\S+)", out)
    return m.group(1) if m else out.strip().splitlines()[0]


def stilts_match(a, b, out):
    wall, _ = run(["stilts", "tmatch2", "in1=" + a, "in2=" + b, "matcher=sky", "values1=ra dec", "values2=ra dec",
                   "params=3.5", "find=all", "join=1and2", "out=" + out, "ofmt=fits"])
    _, count = run(["stilts", "tpipe", "in=" + out, "omode=count"])
    return wall, int(re.search(r"rows:\s*(\d+)", count).group(1))


def astropy_match(a, b):
    _, out = run([PY, os.path.join(HERE, "astropy_xmatch.py"), a, b, "3.5"])
    r = json.loads(out)
    return r["match_s"], r["pairs"], r


def ocengine_xmatch(a, b, out, env=None):
    wall, stdout = run([OCENGINE, "xmatch", a, b, "--radius", "3.5", "--out", out, "--device", "cpu"], env)
    return wall, int(re.match(r"(\d+) pairs", stdout).group(1))


def ocengine_bench(args, json_path, env=None):
    run([OCENGINE, "bench"] + args + ["--repeat", "1", "--json", json_path, "--device", "cpu"], env)
    with open(json_path) as f:
        return json.load(f)


def mc_agreement(numpy_csv, ours_csv):
    def load(path):
        rows = {}
        with open(path) as f:
            next(f)
            for line in f:
                g, *vals = line.strip().split(",")
                rows[g] = [float(v) for v in vals]
        return rows
    a, b = load(numpy_csv), load(ours_csv)
    worst = {}
    for g in a:
        mean, mean_std, median, median_std, disp = a[g]
        o = b[g]
        draws = 5000
        # two independent estimates: their difference has sqrt(2) times one estimate's sampling error
        z = {"mean": (o[0] - mean) / (math.sqrt(2) * mean_std / math.sqrt(draws)),
             "median": (o[2] - median) / (math.sqrt(2) * 1.2533 * median_std / math.sqrt(draws)),
             "mean_std": (o[1] - mean_std) / (math.sqrt(2) * mean_std / math.sqrt(2 * draws)),
             "dispersion": (o[4] - disp) / (math.sqrt(2) * disp / math.sqrt(2 * draws))}
        for k, v in z.items():
            worst[k] = max(worst.get(k, 0.0), abs(v))
    return {"groups": len(a), "max_abs_z": worst, "agree": all(v < 5 for v in worst.values())}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", default="/tmp/ocengine-peers")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--out", default=None)
    ap.add_argument("--peers-1e7", action="store_true", help="also run STILTS and astropy on 10^6 x 10^7")
    ap.add_argument("--cases", default="xmatch,montecarlo", help="which cases to run, comma-separated (default: both)")
    args = ap.parse_args()
    cases = set(args.cases.split(","))
    if not cases or not cases <= {"xmatch", "montecarlo"}:
        sys.exit("run_peers: --cases takes xmatch and/or montecarlo, not %s" % args.cases)
    require((("numpy", "python3-numpy"), ("astropy", "python3-astropy")), (("stilts", "stilts"),))
    w = args.work
    os.makedirs(w, exist_ok=True)
    print("run_peers: writing inputs into %s (once)" % w, flush=True)
    run([PY, os.path.join(HERE, "make_inputs.py"), w])
    f = lambda name: os.path.join(w, name)
    result = {"date": datetime.date.today().isoformat(), "command": " ".join(sys.argv),
              "machine": dict(machine(("numpy", "astropy")), stilts=stilts_version()), "cases": {}}
    times = {}
    counts = {}

    def note(case, tool, seconds, pairs=None):
        times.setdefault(case, {}).setdefault(tool, []).append(seconds)
        if pairs is not None:
            counts.setdefault(case, {}).setdefault(tool, set()).add(pairs)
        print("  %-22s %-30s %8.3f s%s" % (case, tool, seconds, "" if pairs is None else "  %d pairs" % pairs), flush=True)

    for rnd in range(1, args.rounds + 1):
        print("round %d of %d" % (rnd, args.rounds), flush=True)
        for size in (("1e5", "1e6") if "xmatch" in cases else ()):
            case = "xmatch %s x %s" % (size, size)
            a, b = f("sky_%s_a.fits" % size), f("sky_%s_b.fits" % size)
            s, n = stilts_match(a, b, f("pairs_stilts.fits")); note(case, "stilts tmatch2 (command)", s, n)
            s, n, _ = astropy_match(a, b); note(case, "astropy search_around_sky", s, n)
            s, n = ocengine_xmatch(a, b, f("pairs_oc.fits")); note(case, "ocengine xmatch (command)", s, n)
            r = ocengine_bench(["xmatch", a, b, "--radius", "3.5"], f("bench.json")); note(case, "ocengine sky match (warm)", r["median_s"], r["pairs"])
        if "montecarlo" not in cases:
            continue
        case = "Monte-Carlo 1000x100x5000"
        _, out = run([PY, os.path.join(HERE, "mc_numpy.py"), f("mc_1000x100.csv"), f("mc_numpy_out.csv")])
        note(case, "numpy (vectorised)", json.loads(out)["seconds"])
        r = ocengine_bench(["montecarlo", "--input", f("mc_1000x100.csv"), "--out", f("mc_oc_out.csv")], f("bench.json"))
        note(case, "ocengine grouped MC (warm)", r["median_s"])

    big = None
    if "xmatch" in cases:
        print("10^6 x 10^7 (once)", flush=True)
        env = dict(os.environ, OCENGINE_JAVA_OPTS="-Xmx4g")
        case = "xmatch 1e6 x 1e7"
        a, b = f("sky_1e6_a.fits"), f("sky_1e7_b.fits")
        r = ocengine_bench(["xmatch", a, b, "--radius", "3.5"], f("bench.json"), env)
        note(case, "ocengine sky match (warm)", r["median_s"], r["pairs"])
        big = {"max_heap_bytes": r["max_heap_bytes"], "peak_heap_bytes": r["peak_heap_bytes"], "read_s": r["read_s"]}
        s, n = ocengine_xmatch(a, b, f("pairs_oc.fits"), env); note(case, "ocengine xmatch (command)", s, n)
        if args.peers_1e7:
            s, n = stilts_match(a, b, f("pairs_stilts.fits")); note(case, "stilts tmatch2 (command)", s, n)
            s, n, _ = astropy_match(a, b); note(case, "astropy search_around_sky", s, n)

    for case, tools in times.items():
        entry = {"tools": {t: summary(v) for t, v in tools.items()}}
        if case in counts:
            entry["pairs"] = {t: sorted(v) for t, v in counts[case].items()}
            entry["pairs_agree"] = len({c for v in counts[case].values() for c in v}) == 1
        comparisons = {}
        for peer, ours in (("stilts tmatch2 (command)", "ocengine xmatch (command)"),
                           ("stilts tmatch2 (command)", "ocengine sky match (warm)"),
                           ("astropy search_around_sky", "ocengine sky match (warm)"),
                           ("numpy (vectorised)", "ocengine grouped MC (warm)")):
            if peer in tools and ours in tools:
                comparisons[peer + " / " + ours] = ratio(tools[peer], tools[ours])
        entry["ratios"] = comparisons
        result["cases"][case] = entry
    if big is not None:
        result["cases"]["xmatch 1e6 x 1e7"]["ocengine_heap"] = big
    if "montecarlo" in cases:
        result["cases"]["Monte-Carlo 1000x100x5000"]["agreement"] = mc_agreement(f("mc_numpy_out.csv"), f("mc_oc_out.csv"))

    print()
    print("| case | tool | median s | min-max s |")
    print("|---|---|---|---|")
    for case, entry in result["cases"].items():
        for tool, s in entry["tools"].items():
            print("| %s | %s | %.3f | %.3f-%.3f |" % (case, tool, s["median"], s["min"], s["max"]))
    for case, entry in result["cases"].items():
        for name, r in entry.get("ratios", {}).items():
            print("%s: %s = %.1fx (per-round range %.1f-%.1f): %s" % (case, name, r["ratio"], r["range"][0], r["range"][1], r["verdict"]))
        if "pairs_agree" in entry:
            print("%s: pair counts %s" % (case, "agree" if entry["pairs_agree"] else "DIFFER: %s" % entry["pairs"]))
    if "montecarlo" in cases:
        print("Monte-Carlo agreement with numpy:", result["cases"]["Monte-Carlo 1000x100x5000"]["agreement"])
    if args.out:
        with open(args.out, "w") as fh:
            json.dump(result, fh, indent=2)
            fh.write("\n")
        print("wrote", args.out)


if __name__ == "__main__":
    main()
