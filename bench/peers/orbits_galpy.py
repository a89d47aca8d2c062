#!/usr/bin/python3
"""galpy peer of `ocengine bench orbits`: the same cluster orbits integrated with galpy's dop853_c.

Reads a cluster CSV (Hunt & Reffert 2023 names RA_ICRS, DE_ICRS, dist50, Plx, pmRA, pmDE, RV, or the
canonical ra, dec, distance, parallax, pmra, pmdec, rv), takes the first --limit rows with a full
phase-space position (distance in pc, else 1/parallax; the same rows as ocengine's bench), puts them in
astropy's Galactocentric frame with the solar parameters of SPEC.md 6, and integrates them back
--lookback Myr in galpy's McMillan17 or MWPotential2014 with method dop853_c on one core
(numcores=1), output every 0.5 Myr (what peri/apo/Z_max would need). Prints one JSON line: wall time
of the integration only (setup excluded), orbits, orbits/s. With --per-orbit, also writes (after the
timing) a CSV of each orbit's row (0-based data row of --clusters), r_peri and r_apo (spherical
Galactocentric radius, kpc), ecc = (r_apo - r_peri)/(r_apo + r_peri) and z_max (kpc), taken on the
0.5 Myr outputs (the columns of `ocengine orbits`).

Usage: /usr/bin/python3 bench/peers/orbits_galpy.py --clusters HUNT2023.csv [--limit 500]
       [--potential mcmillan17|mwpot14] [--lookback 500] [--json OUT.json] [--per-orbit OUT.csv]
Needs: galpy, astropy, numpy (Debian python3-galpy).
"""
import argparse
import csv
import json
import math
import os
import platform
import time
import warnings

import astropy.coordinates as coord
import astropy.units as u
import galpy
import numpy as np

warnings.filterwarnings("ignore")
from galpy.orbit import Orbit  # noqa: E402
from galpy.potential import MWPotential2014  # noqa: E402
from galpy.potential.mwpotentials import McMillan17  # noqa: E402
from galpy.util import conversion  # noqa: E402

NAMES = {"ra": ("RA_ICRS", "ra"), "dec": ("DE_ICRS", "dec"), "distance": ("dist50", "distance"),
         "parallax": ("Plx", "parallax"), "pmra": ("pmRA", "pmra"), "pmdec": ("pmDE", "pmdec"), "rv": ("RV", "rv")}


def number(row, key):
    for name in NAMES[key]:
        if name in row:
            try:
                return float(row[name])
            except ValueError:
                return math.nan
    return math.nan


def rows(path, limit, index=None):
    """The first `limit` usable rows as [ra, dec, d_kpc, pmra, pmdec, rv]; their 0-based data-row numbers are
    appended to `index` when one is given."""
    out = []
    with open(path) as f:
        for number_in_file, row in enumerate(csv.DictReader(f)):
            d = number(row, "distance")
            p = number(row, "parallax")
            dkpc = d / 1000 if d > 0 else 1 / p if p > 0 else math.nan
            vals = [number(row, k) for k in ("ra", "dec", "pmra", "pmdec", "rv")]
            if not math.isfinite(dkpc) or not all(math.isfinite(v) for v in vals):
                continue
            out.append(vals[:2] + [dkpc] + vals[2:])
            if index is not None:
                index.append(number_in_file)
            if len(out) == limit:
                break
    return np.array(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--clusters", required=True)
    ap.add_argument("--limit", type=int, default=500)
    ap.add_argument("--potential", default="mcmillan17", choices=["mcmillan17", "mwpot14"])
    ap.add_argument("--lookback", type=float, default=500.0)
    ap.add_argument("--json")
    ap.add_argument("--per-orbit", help="write row, r_peri, r_apo, ecc, z_max (kpc) of every orbit to this CSV")
    args = ap.parse_args()
    row_numbers = []
    ra, dec, dist, pmra, pmdec, rv = rows(args.clusters, args.limit, row_numbers).T
    icrs = coord.SkyCoord(ra=ra * u.deg, dec=dec * u.deg, distance=dist * u.kpc, pm_ra_cosdec=pmra * u.mas / u.yr,
                          pm_dec=pmdec * u.mas / u.yr, radial_velocity=rv * u.km / u.s, frame="icrs")
    with coord.galactocentric_frame_defaults.set("v4.0"):
        frame = coord.Galactocentric(galcen_distance=8.2 * u.kpc, z_sun=20.8 * u.pc,
                                     galcen_v_sun=coord.CartesianDifferential([11.1, 232.8 + 12.24, 7.25] * u.km / u.s),
                                     roll=0 * u.deg)
    gc = icrs.transform_to(frame)
    x, y, z = gc.x.to(u.kpc).value, gc.y.to(u.kpc).value, gc.z.to(u.kpc).value
    vx, vy, vz = gc.v_x.to(u.km / u.s).value, gc.v_y.to(u.km / u.s).value, gc.v_z.to(u.km / u.s).value
    R = np.hypot(x, y)
    vR = (x * vx + y * vy) / R
    vT = (y * vx - x * vy) / R
    pot, ro, vo = (McMillan17, 8.21, 233.1) if args.potential == "mcmillan17" else (MWPotential2014, 8.0, 220.0)
    T = args.lookback / (conversion.time_in_Gyr(vo, ro) * 1000.0)
    ts = np.linspace(0.0, -T, int(round(args.lookback / 0.5)) + 1)
    o = Orbit(np.array([R / ro, vR / vo, vT / vo, z / ro, vz / vo, np.zeros_like(R)]).T)
    t0 = time.perf_counter()
    o.integrate(ts, pot, method="dop853_c", numcores=1)
    seconds = time.perf_counter() - t0
    result = {"operation": "galpy orbit integration", "method": "dop853_c", "numcores": 1, "potential": args.potential,
              "clusters": args.clusters, "orbits": len(R), "lookback_myr": args.lookback, "outputs": len(ts),
              "seconds": seconds, "orbits_per_s_per_core": len(R) / seconds, "galpy": galpy.__version__,
              "machine": platform.processor() or platform.machine(), "cpus": os.cpu_count()}
    line = json.dumps(result)
    print(line)
    if args.json:
        with open(args.json + ".tmp", "w") as f:
            f.write(json.dumps(result, indent=2) + "\n")
        os.replace(args.json + ".tmp", args.json)
    if args.per_orbit:
        write_per_orbit(args.per_orbit, row_numbers, o, ts, ro)


def write_per_orbit(path, row_numbers, o, ts, ro):
    """Writes peri/apo (spherical r), eccentricity and Z_max of each integrated orbit, in kpc, on the output grid."""
    big_r, z = np.atleast_2d(o.R(ts)) * ro, np.atleast_2d(o.z(ts)) * ro
    r = np.hypot(big_r, z)
    peri, apo, zmax = r.min(axis=1), r.max(axis=1), np.abs(z).max(axis=1)
    with open(path + ".tmp", "w") as f:
        f.write("row,r_peri,r_apo,ecc,z_max\n")
        for i, n in enumerate(row_numbers):
            f.write("%d,%.12g,%.12g,%.12g,%.12g\n" % (n, peri[i], apo[i], (apo[i] - peri[i]) / (apo[i] + peri[i]), zmax[i]))
    os.replace(path + ".tmp", path)


if __name__ == "__main__":
    main()
