#!/usr/bin/python3
"""astropy's all-pairs sky match of two FITS tables (columns ra, dec in deg), timed.

Prints one JSON line: read_s (reading both tables), coords_s (building the SkyCoord objects),
match_s (search_around_sky), pairs. Usage: astropy_xmatch.py A.fits B.fits RADIUS_ARCSEC
Needs python3-astropy and python3-numpy (Debian).
"""
import json
import sys
import time

import astropy.units as u
from astropy.coordinates import SkyCoord, search_around_sky
from astropy.table import Table


def main():
    a_path, b_path, radius = sys.argv[1], sys.argv[2], float(sys.argv[3])
    t0 = time.perf_counter()
    a = Table.read(a_path)
    b = Table.read(b_path)
    t1 = time.perf_counter()
    ca = SkyCoord(ra=a["ra"].data * u.deg, dec=a["dec"].data * u.deg)
    cb = SkyCoord(ra=b["ra"].data * u.deg, dec=b["dec"].data * u.deg)
    t2 = time.perf_counter()
    ia, ib, sep, _ = search_around_sky(ca, cb, radius * u.arcsec)
    t3 = time.perf_counter()
    print(json.dumps({"read_s": t1 - t0, "coords_s": t2 - t1, "match_s": t3 - t2, "pairs": int(len(ia))}))


if __name__ == "__main__":
    main()
