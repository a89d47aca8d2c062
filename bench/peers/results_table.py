#!/usr/bin/python3
"""Prints the README's Performance table (markdown) from a committed peer-benchmark result.

Usage: bench/peers/results_table.py bench/results/NAME.json
"""
import json
import os
import sys


def main():
    path = sys.argv[1]
    r = json.load(open(path))
    m = r["machine"]
    java = m.get("ocengine", "").split(";")[1].strip() if ";" in m.get("ocengine", "") else "?"
    command = " ".join(["bench/peers/" + os.path.basename(r["command"].split()[0])] + r["command"].split()[1:])
    versions = ", ".join("%s %s" % (label, m[key]) for key, label in
                         (("numpy", "numpy"), ("astropy", "astropy"), ("stilts", "STILTS"), ("galpy", "galpy"), ("emcee", "emcee"))
                         if key in m)
    print("Measured %s on %s (%s CPUs, %s GiB), %s; %s; command `%s`; result file `%s`."
          % (r["date"], m.get("model_name", "?"), m.get("cpus", "?"), m.get("memory_gib", "?"), java,
             versions, command, path))
    print()
    print("| work | tool | median time (s) | range (s) |")
    print("|---|---|---|---|")
    for case, e in r["cases"].items():
        for tool, t in e["tools"].items():
            print("| %s | %s | %.3f | %.3f-%.3f |" % (case, tool, t["median"], t["min"], t["max"]))
    print()
    print("| work | comparison | ratio (median of per-round ratios) | per-round range | verdict |")
    print("|---|---|---|---|---|")
    for case, e in r["cases"].items():
        for name, c in e.get("ratios", {}).items():
            print("| %s | %s | %.1fx | %.1f-%.1f | %s |" % (case, name, c["ratio"], c["range"][0], c["range"][1], c["verdict"]))
    print()
    for case, e in r["cases"].items():
        if "pairs_agree" in e:
            print("- %s: pair counts %s (%s)." % (case, "identical in every tool" if e["pairs_agree"] else "DIFFER",
                                                 ", ".join("%s %s" % (t, v[0]) for t, v in list(e["pairs"].items())[:1])))
        if "ocengine_heap" in e:
            h = e["ocengine_heap"]
            print("- %s: ocengine ran with a %.1f GiB heap (peak heap use %.2f GiB)." % (case, h["max_heap_bytes"] / 2**30, h["peak_heap_bytes"] / 2**30))
        if "agreement" in e:
            a = e["agreement"]
            print("- %s: statistics agree with numpy's within sampling noise over %d clusters (largest |z|: %s)."
                  % (case, a["groups"], ", ".join("%s %.1f" % kv for kv in a["max_abs_z"].items())))
        rates = [(t, v["orbits_per_s_per_core"]) for t, v in e["tools"].items() if "orbits_per_s_per_core" in v]
        if rates:
            print("- %s: orbits/s per core (median round): %s." % (case, ", ".join("%s %.1f" % tv for tv in rates)))
        if "agreement_with_galpy" in e:
            a = e["agreement_with_galpy"]
            print("- %s: orbit products agree with galpy's over %d orbits (largest relative difference: %s)."
                  % (case, a["orbits_compared"], ", ".join("%s %.1e" % (q, d["max_rel_diff"])
                                                           for q, d in a["largest_relative_differences"].items())))


if __name__ == "__main__":
    main()
