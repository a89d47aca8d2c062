#!/usr/bin/env python3
"""Reference potentials and orbits for the galaxy tests, from galpy (and astropy for the frames).

Writes into engine/src/test/resources/galaxy/:
  potentials-galpy.csv  galpy's MWPotential2014 and McMillan17 at 240 points, 0.5 < R < 30 kpc,
                        |z| < 5 kpc (a quarter of them within 0.3 kpc of the plane): potential in
                        (km/s)^2 with zero at infinity (galpy's MWPotential2014 bulge is zero at the
                        centre; its constant 2 pi amp rc^(2-alpha) Gamma(1-alpha/2) is subtracted),
                        F_R and F_z in (km/s)^2/kpc, density in Msun/kpc^3, and v_c(R) in the plane.
  orbits-galpy.csv      100 open clusters of Hunt & Reffert (2023) with a Gaia RV (../shared/data/
                        clusters/HUNT2023.csv: RA_ICRS, DE_ICRS, dist50, pmRA, pmDE, RV; those with at
                        least 5 RV stars, RV error < 3 km/s, distance < 6 kpc, every k-th by name), put
                        in the Galactocentric frame of SPEC.md 6 by astropy, integrated back 500 Myr by
                        galpy's dop853_c (default tolerance 1e-12) in both potentials, sampled every
                        0.01 Myr: r_peri, r_apo (spherical), eccentricity, Z_max, E (zero at infinity),
                        L_z, and R, z at look-back 100, ..., 500 Myr.
galpy's McMillan17 uses the rounded parameters of SPEC.md 6 and approximates the discs by a basis
expansion (DiskSCFPotential); its units are ro = 8.21 kpc, vo = 233.1 km/s. MWPotential2014 uses
ro = 8 kpc, vo = 220 km/s.
Run with: /usr/bin/python3 engine/src/test/scripts/galaxy-galpy-reference.py
(galpy 1.8.1, astropy 5.2.1, numpy 1.24.2 produced the committed files; about a minute).
"""
import csv
import os
import warnings

import astropy
import astropy.coordinates as coord
import astropy.units as u
import galpy
import numpy as np
from scipy import special

warnings.filterwarnings("ignore")
from galpy.orbit import Orbit  # noqa: E402
from galpy.potential import (MWPotential2014, evaluateDensities, evaluatePotentials,  # noqa: E402
                             evaluateRforces, evaluatezforces, vcirc)
from galpy.potential.mwpotentials import McMillan17  # noqa: E402
from galpy.util import conversion  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "galaxy")
HUNT = os.path.join(HERE, "..", "..", "..", "..", "..", "shared", "data", "clusters", "HUNT2023.csv")

POTENTIALS = {
    # name: (potential, ro, vo, constant to subtract so that Phi(infinity) = 0, natural units)
    "mw": (MWPotential2014, 8.0, 220.0,
           2 * np.pi * MWPotential2014[0]._amp * MWPotential2014[0].rc ** (2 - MWPotential2014[0].alpha)
           * special.gamma(1 - MWPotential2014[0].alpha / 2)),
    "mcm": (McMillan17, 8.21, 233.1, 0.0),
}
HEADER = f"# galpy {galpy.__version__}, astropy {astropy.__version__}, numpy {np.__version__}: engine/src/test/scripts/galaxy-galpy-reference.py\n"


def potentials():
    rng = np.random.default_rng(20260602)
    n = 240
    R = 10 ** rng.uniform(np.log10(0.5), np.log10(30), n)
    z = rng.uniform(-5, 5, n)
    z[: n // 4] = rng.uniform(-0.3, 0.3, n // 4)
    cols = {"R": R, "z": z}
    for name, (pot, ro, vo, const) in POTENTIALS.items():
        rn, zn = R / ro, z / ro
        cols[name + "_phi"] = np.array([(evaluatePotentials(pot, a, b, use_physical=False) - const) * vo ** 2 for a, b in zip(rn, zn)])
        cols[name + "_fr"] = np.array([evaluateRforces(pot, a, b, use_physical=False) * vo ** 2 / ro for a, b in zip(rn, zn)])
        cols[name + "_fz"] = np.array([evaluatezforces(pot, a, b, use_physical=False) * vo ** 2 / ro for a, b in zip(rn, zn)])
        rho_unit = conversion.dens_in_msolpc3(vo, ro) * 1e9
        cols[name + "_rho"] = np.array([evaluateDensities(pot, a, b, use_physical=False) * rho_unit for a, b in zip(rn, zn)])
        cols[name + "_vc_at_R"] = np.array([vcirc(pot, a, use_physical=False) * vo for a in rn])
    write("potentials-galpy.csv", cols)


def clusters():
    rows = []
    with open(HUNT) as f:
        for row in csv.DictReader(f):
            try:
                vals = [float(row[k]) for k in ("RA_ICRS", "DE_ICRS", "dist50", "pmRA", "pmDE", "RV", "e_RV", "n_RV")]
            except ValueError:
                continue
            if not np.all(np.isfinite(vals)):
                continue
            if vals[7] >= 5 and vals[6] < 3 and vals[2] < 6000:
                rows.append((row["Name"], vals))
    rows.sort(key=lambda r: r[0])
    step = len(rows) / 100
    return [rows[int(i * step)] for i in range(100)]


def orbits():
    chosen = clusters()
    ra, dec, dist, pmra, pmdec, rv = (np.array([c[1][k] for c in chosen]) for k in range(6))
    dist = dist / 1000.0
    icrs = coord.SkyCoord(ra=ra * u.deg, dec=dec * u.deg, distance=dist * u.kpc, pm_ra_cosdec=pmra * u.mas / u.yr,
                          pm_dec=pmdec * u.mas / u.yr, radial_velocity=rv * u.km / u.s, frame="icrs")
    with coord.galactocentric_frame_defaults.set("v4.0"):
        frame = coord.Galactocentric(galcen_distance=8.2 * u.kpc, z_sun=20.8 * u.pc,
                                     galcen_v_sun=coord.CartesianDifferential([11.1, 232.8 + 12.24, 7.25] * u.km / u.s),
                                     roll=0 * u.deg)
    gc = icrs.transform_to(frame)
    x, y, z = gc.x.to(u.kpc).value, gc.y.to(u.kpc).value, gc.z.to(u.kpc).value
    vx, vy, vz = (gc.v_x.to(u.km / u.s).value, gc.v_y.to(u.km / u.s).value, gc.v_z.to(u.km / u.s).value)
    R = np.hypot(x, y)
    vR = (x * vx + y * vy) / R
    vT = (y * vx - x * vy) / R  # positive in the sense of rotation (galpy's left-handed vT)
    cols = {"ra": ra, "dec": dec, "distance_kpc": dist, "pmra": pmra, "pmdec": pmdec, "rv": rv}
    for name, (pot, ro, vo, const) in POTENTIALS.items():
        T = 500.0 / (conversion.time_in_Gyr(vo, ro) * 1000.0)
        ts = np.linspace(0.0, -T, 50001)
        vxvv = np.array([R / ro, vR / vo, vT / vo, z / ro, vz / vo, np.zeros_like(R)]).T
        o = Orbit(vxvv)
        o.integrate(ts, pot, method="dop853_c")
        r = np.sqrt(o.R(ts, use_physical=False) ** 2 + o.z(ts, use_physical=False) ** 2) * ro
        absz = np.abs(o.z(ts, use_physical=False)) * ro
        cols[name + "_rperi"] = r.min(axis=1)
        cols[name + "_rapo"] = r.max(axis=1)
        cols[name + "_ecc"] = (cols[name + "_rapo"] - cols[name + "_rperi"]) / (cols[name + "_rapo"] + cols[name + "_rperi"])
        cols[name + "_zmax"] = absz.max(axis=1)
        cols[name + "_energy"] = (o.E(pot=pot, use_physical=False) - const) * vo ** 2
        cols[name + "_lz"] = o.Lz(use_physical=False) * ro * vo
        for k in range(1, 6):
            idx = 10000 * k
            cols[f"{name}_R{100 * k}"] = o.R(ts, use_physical=False)[:, idx] * ro
            cols[f"{name}_z{100 * k}"] = o.z(ts, use_physical=False)[:, idx] * ro
    write("orbits-galpy.csv", cols, names=[c[0] for c in chosen])


def write(name, cols, names=None):
    path = os.path.join(OUT, name)
    keys = list(cols)
    n = len(cols[keys[0]])
    with open(path, "w") as f:
        f.write(HEADER)
        f.write(("name," if names else "") + ",".join(keys) + "\n")
        for i in range(n):
            prefix = names[i].replace(",", ";") + "," if names else ""
            f.write(prefix + ",".join(repr(float(cols[k][i])) for k in keys) + "\n")
    print("wrote", path)


if __name__ == "__main__":
    potentials()
    orbits()
