"""The plumbing the peer benchmarks share (run_peers.py, run_mcmc_peers.py, run_orbits_peers.py): running
a command and stopping on failure, the machine record of a result file, and the timing summaries and
paired ratios. Errors name the calling script.
"""
import os
import platform
import re
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OCENGINE = os.path.join(ROOT, "ocengine")
PY = "/usr/bin/python3"


def _script():
    return os.path.basename(sys.argv[0]).rsplit(".", 1)[0]


def require(packages, commands=()):
    """Stops with the apt-get line when a Python module ((module, Debian package) pairs, imported by PY)
    or a command ((command, Debian package) pairs) is missing."""
    missing = [package for command, package in commands if subprocess.run(["which", command], capture_output=True).returncode != 0]
    missing += [package for module, package in packages
                if subprocess.run([PY, "-c", "import " + module], capture_output=True).returncode != 0]
    if missing:
        sys.exit("%s: missing Debian packages: %s\n  install them with: apt-get install %s"
                 % (_script(), ", ".join(missing), " ".join(missing)))


def run(cmd, env=None):
    """Runs a command, returns (wall seconds, stdout); stops on failure."""
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit("%s: command failed (%d): %s\n%s%s" % (_script(), p.returncode, " ".join(cmd), p.stdout, p.stderr))
    return wall, p.stdout


def machine(modules):
    """The machine, the load at the start, and the versions of the given Python modules and of ocengine."""
    info = {"system": platform.platform(), "python": platform.python_version()}
    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
    for key in ("Model name", "CPU(s)", "Thread(s) per core"):
        m = re.search(r"^%s:\s*(.+)$" % re.escape(key), lscpu, re.M)
        if m:
            info[key.lower().replace("(s)", "s").replace(" ", "_")] = m.group(1).strip()
    with open("/proc/meminfo") as f:
        info["memory_gib"] = round(int(f.readline().split()[1]) / 1048576, 1)
    info["load_average_at_start"] = os.getloadavg()
    for module in modules:
        info[module] = run([PY, "-c", "import %s; print(%s.__version__)" % (module, module)])[1].strip()
    info["ocengine"] = run([OCENGINE, "--version"])[1].strip().replace("\n", "; ")
    return info


def summary(seconds):
    return {"runs": seconds, "median": statistics.median(seconds), "min": min(seconds), "max": max(seconds)}


def ratio(peer, ours):
    """Peer time over ocengine time, paired by round (both measured minutes apart, so a drift of the
    machine cancels); the verdict is "no difference" when the paired ratios straddle 1."""
    paired = [p / o for p, o in zip(peer, ours)]
    r = statistics.median(paired)
    if len(paired) < 2:
        verdict = "one round: spread unknown"
    else:
        verdict = "no difference" if min(paired) <= 1 <= max(paired) else ("ocengine faster" if r > 1 else "peer faster")
    return {"paired": paired, "ratio": r, "range": [min(paired), max(paired)], "verdict": verdict}
