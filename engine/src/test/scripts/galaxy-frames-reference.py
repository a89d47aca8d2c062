#!/usr/bin/env python3
"""Reference frames for GalacticFramesTest, from astropy's Galactocentric, Galactic and GalacticLSR.

Writes engine/src/test/resources/galaxy/frames-astropy.csv: 300 random ICRS phase-space points
(ra, dec, distance 10 pc - 30 kpc log-uniform, proper motions and radial velocities of disc and halo
objects, fixed seed) with astropy's Galactocentric x, y, z, v_x, v_y, v_z under the solar parameters
of SPEC.md 6 (R0 = galcen_distance = 8.2 kpc, z_sun = 20.8 pc, galcen_v_sun = (11.1, 232.8 + 12.24,
7.25) km/s, the v4.0 galcen_coord, roll 0), Galactic l, b, and GalacticLSR velocity components
U, V, W with v_bary = (11.1, 12.24, 7.25) km/s.
Run with: /usr/bin/python3 engine/src/test/scripts/galaxy-frames-reference.py
(astropy 5.2.1, numpy 1.24.2 produced the committed file).
"""
import os

import astropy
import astropy.coordinates as coord
import astropy.units as u
import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "galaxy", "frames-astropy.csv")

rng = np.random.default_rng(20260601)
n = 300
ra = rng.uniform(0, 360, n)
dec = np.degrees(np.arcsin(rng.uniform(-1, 1, n)))
dist = 10 ** rng.uniform(-2, np.log10(30), n)
pmra = rng.normal(0, 8, n)
pmdec = rng.normal(0, 8, n)
rv = rng.normal(0, 80, n)

icrs = coord.SkyCoord(ra=ra * u.deg, dec=dec * u.deg, distance=dist * u.kpc,
                      pm_ra_cosdec=pmra * u.mas / u.yr, pm_dec=pmdec * u.mas / u.yr,
                      radial_velocity=rv * u.km / u.s, frame="icrs")
with coord.galactocentric_frame_defaults.set("v4.0"):
    frame = coord.Galactocentric(galcen_distance=8.2 * u.kpc, z_sun=20.8 * u.pc,
                                 galcen_v_sun=coord.CartesianDifferential([11.1, 232.8 + 12.24, 7.25] * u.km / u.s),
                                 roll=0 * u.deg)
gc = icrs.transform_to(frame)
gal = icrs.transform_to(coord.Galactic())
lsr = icrs.transform_to(coord.GalacticLSR(v_bary=coord.CartesianDifferential([11.1, 12.24, 7.25] * u.km / u.s)))
lsr_v = lsr.velocity.d_xyz.to(u.km / u.s).value

cols = {
    "ra": ra, "dec": dec, "distance_kpc": dist, "pmra": pmra, "pmdec": pmdec, "rv": rv,
    "x": gc.x.to(u.kpc).value, "y": gc.y.to(u.kpc).value, "z": gc.z.to(u.kpc).value,
    "vx": gc.v_x.to(u.km / u.s).value, "vy": gc.v_y.to(u.km / u.s).value, "vz": gc.v_z.to(u.km / u.s).value,
    "l": gal.l.deg, "b": gal.b.deg, "u_lsr": lsr_v[0], "v_lsr": lsr_v[1], "w_lsr": lsr_v[2],
}
with open(OUT, "w") as f:
    f.write(f"# astropy {astropy.__version__}, numpy {np.__version__}: engine/src/test/scripts/galaxy-frames-reference.py\n")
    f.write(",".join(cols) + "\n")
    for i in range(n):
        f.write(",".join(repr(float(cols[k][i])) for k in cols) + "\n")
print("wrote", OUT)
