#!/usr/bin/python3
"""Times the read phase of `ocengine xmatch` in a fresh JVM for two builds, interleaved.

Runs `java -jar JAR xmatch A B --out OUT --device cpu` for the "before" and the "after" jar in turn,
--rounds times, and records the "read X s" the command prints (JVM already started: allocator,
backend, both tables read and mapped to canonical columns) and the whole command's wall time,
with the 1-minute load average at the start of each run (the machine may be shared: say so when
quoting). With --csv, the same inputs are also converted once to CSV (astropy, into --work) and
timed the same way.

Build the jars first, e.g. the "before" one from a clean checkout of the older commit with
`mvn -B -q -o -DskipTests -pl cli -am package` (cli/target/ocengine.jar). Inputs: the peer
benchmark's sky_1e6_a.fits / sky_1e6_b.fits (bench/peers/make_inputs.py).

Usage: bench/read_speed.py --before JAR --after JAR [--a A.fits --b B.fits] [--rounds 3] [--csv]
                           [--work DIR] [--out bench/results/NAME.json] [--note TEXT]
"""
import argparse
import datetime
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PY = "/usr/bin/python3"
# the ocengine launcher's JDK and JVM flags, then the jar
JAVA = ["bash", "-c", 'source "%s/scripts/jdk.sh" && oc_find_jdk && oc_jvm_flags && '
        'exec "$OC_JAVA_HOME/bin/java" "${OC_JVM_FLAGS[@]}" -jar "$0" "$@"' % ROOT]


def xmatch(jar, a, b, out):
    """One fresh-JVM run: (read seconds as printed, wall seconds, 1-minute load average before)."""
    load = os.getloadavg()[0]
    cmd = JAVA + [jar, "xmatch", a, b, "--out", out, "--device", "cpu"]
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit("read_speed: command failed (%d): %s\n%s%s" % (p.returncode, " ".join(cmd), p.stdout, p.stderr))
    m = re.search(r"\(read ([0-9.]+) s,", p.stdout)
    if not m:
        sys.exit("read_speed: no 'read X s' in the output of %s:\n%s" % (" ".join(cmd), p.stdout))
    return float(m.group(1)), wall, load


def to_csv(fits, work):
    csv = os.path.join(work, os.path.basename(fits).rsplit(".", 1)[0] + ".csv")
    if not os.path.exists(csv):
        subprocess.run([PY, "-c", "import sys; from astropy.table import Table; Table.read(sys.argv[1]).write(sys.argv[2], overwrite=True)",
                        fits, csv], check=True)
    return csv


def machine(jar):
    info = {"system": platform.platform(), "cpus": os.cpu_count()}
    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
    m = re.search(r"^Model name:\s*(.+)$", lscpu, re.M)
    if m:
        info["model_name"] = m.group(1).strip()
    info["ocengine"] = "; ".join(subprocess.run(JAVA + [jar, "--version"], capture_output=True, text=True).stdout.split("\n")).strip("; ")
    return info


def summary(values):
    return {"runs": values, "median": statistics.median(values), "min": min(values), "max": max(values)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", required=True)
    ap.add_argument("--after", required=True)
    ap.add_argument("--a", default="/tmp/ocengine-peers/sky_1e6_a.fits")
    ap.add_argument("--b", default="/tmp/ocengine-peers/sky_1e6_b.fits")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--csv", action="store_true")
    ap.add_argument("--work", default="/tmp/ocengine-read-speed")
    ap.add_argument("--out")
    ap.add_argument("--note", help="free text stored in the result, e.g. the commits the jars were built from")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    out = os.path.join(args.work, "pairs.fits")
    inputs = {"fits": (args.a, args.b)}
    if args.csv:
        inputs["csv"] = (to_csv(args.a, args.work), to_csv(args.b, args.work))
    jars = {"before": args.before, "after": args.after}
    runs = {kind: {name: [] for name in jars} for kind in inputs}
    for _ in range(args.rounds):
        for kind, (a, b) in inputs.items():
            for name, jar in jars.items():
                read, wall, load = xmatch(jar, a, b, out)
                runs[kind][name].append({"read_s": read, "wall_s": round(wall, 3), "load_1min": load})
                print("%-4s %-6s read %.2f s, wall %.2f s, load %.2f" % (kind, name, read, wall, load), flush=True)
    result = {
        "date": datetime.date.today().isoformat(),
        "command": "bench/read_speed.py " + " ".join(sys.argv[1:]),
        "timed": "java -jar JAR xmatch A B --out OUT --device cpu: the 'read' it prints, and its wall time",
        "machine": machine(jars["after"]),
        "under_load": "the 1-minute load average at each run's start is recorded; compare rounds, not machines",
        "jars": jars,
        "note": args.note,
        "inputs": {kind: list(files) for kind, files in inputs.items()},
        "cases": {kind: {name: {"read_s": summary([r["read_s"] for r in rs]), "wall_s": summary([r["wall_s"] for r in rs]),
                                "runs": rs} for name, rs in by_jar.items()} for kind, by_jar in runs.items()},
    }
    for kind, by_jar in runs.items():
        before = statistics.median(r["read_s"] for r in by_jar["before"])
        after = statistics.median(r["read_s"] for r in by_jar["after"])
        print("%s: median read %.2f s before, %.2f s after (x%.1f)" % (kind, before, after, before / after))
    if args.out:
        with open(args.out, "w") as f:
            json.dump(result, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
