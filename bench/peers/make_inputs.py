#!/usr/bin/python3
"""Writes the peer-benchmark inputs once, deterministically (numpy seed), into a folder:

  sky_1e5_a.fits, sky_1e5_b.fits     10^5 random positions each
  sky_1e6_a.fits, sky_1e6_b.fits     10^6 each
  sky_1e7_b.fits                     10^7 (for 10^6 x 10^7)
  mc_1000x100.csv                    1000 clusters x 100 stars: group,value,error

Sky catalogues are uniform on the sphere inside an RA/Dec box of 20 deg^2 at Dec 28..32, so that
two 10^6-row catalogues give about 1.5e5 pairs within 3.5 arcsec. Columns: id (int64), ra, dec
(float64, deg). Needs python3-numpy and python3-astropy (Debian).

Usage: make_inputs.py OUTDIR [--sizes 1e5,1e6,1e7]
"""
import argparse
import math
import os

import numpy as np
from astropy.table import Table

AREA_DEG2 = 20.0
DEC_LO, DEC_HI = 28.0, 32.0


def sky(rng, n):
    # uniform on the sphere inside the box: uniform RA, uniform sin(dec)
    s_lo, s_hi = math.sin(math.radians(DEC_LO)), math.sin(math.radians(DEC_HI))
    width_rad = math.radians(math.sqrt(AREA_DEG2)) ** 2 / (s_hi - s_lo)  # area = dRA * (sin hi - sin lo)
    ra = 180.0 + math.degrees(width_rad) * rng.random(n)
    dec = np.degrees(np.arcsin(s_lo + (s_hi - s_lo) * rng.random(n)))
    return Table({"id": np.arange(n, dtype=np.int64), "ra": ra, "dec": dec})


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--sizes", default="1e5,1e6,1e7")
    args = ap.parse_args()
    os.makedirs(args.outdir, exist_ok=True)
    sizes = [s.strip() for s in args.sizes.split(",")]
    rng = np.random.default_rng(20261121)
    for size in sizes:
        n = int(float(size))
        names = ["b"] if size == "1e7" else ["a", "b"]
        for name in names:
            path = os.path.join(args.outdir, "sky_%s_%s.fits" % (size, name))
            if not os.path.exists(path):
                sky(rng, n).write(path, format="fits")
    path = os.path.join(args.outdir, "mc_1000x100.csv")
    if not os.path.exists(path):
        with open(path, "w") as f:
            f.write("group,value,error\n")
            for g in range(1000):
                centre = rng.normal(0, 30)
                for _ in range(100):
                    f.write("c%04d,%.6f,%.6f\n" % (g, centre + rng.normal(0, 3), rng.uniform(0.5, 5)))


if __name__ == "__main__":
    main()
