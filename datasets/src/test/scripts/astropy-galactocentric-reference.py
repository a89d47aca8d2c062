#!/usr/bin/python3
"""Reference values for GalacticFrameTest: astropy's Galactocentric frame with the SPEC.md 6 solar
parameters (R0 = 8.2 kpc, z_sun = 20.8 pc, v_sun = (11.1, 232.8 + 12.24, 7.25) km/s) and the
Galactic-plane orientation of GalacticFrame: galcen_coord at Galactic l = b = 0, and the roll that puts
the north Galactic pole in the x-z plane (astropy measures roll from a constant computed for its
default galcen_coord, Sgr A*, so roll = 0 is 5e-7 rad off the plane here).

Writes datasets/src/test/resources/mock/galactocentric_astropy.csv: for 24 stars at fixed pseudo-random
positions and velocities, their ICRS inputs, Galactic l and b, and Galactocentric x, y, z (kpc) and
v_x, v_y, v_z (km/s). Run from the repository root with the Debian python3 (astropy 5.2):

    /usr/bin/python3 datasets/src/test/scripts/astropy-galactocentric-reference.py
"""
import csv
import numpy as np
import astropy
import astropy.units as u
from astropy.coordinates import SkyCoord, Galactocentric, CartesianDifferential, Galactic

rng = np.random.default_rng(20261121)
n = 24
ra = rng.uniform(0, 360, n)
dec = np.degrees(np.arcsin(rng.uniform(-1, 1, n)))
dist = rng.uniform(0.05, 12.0, n)
pmra = rng.normal(0, 15, n)
pmdec = rng.normal(0, 15, n)
rv = rng.normal(0, 60, n)
# two stars at the poles of the equator and one near RA 0/360
ra[0], dec[0] = 0.0001, 89.9
ra[1], dec[1] = 359.9999, -89.9
ra[2], dec[2] = 359.99, 0.0

def frame_with(roll_deg):
    return Galactocentric(galcen_distance=8.2 * u.kpc, z_sun=20.8 * u.pc,
                          galcen_v_sun=CartesianDifferential([11.1, 232.8 + 12.24, 7.25] * u.km / u.s),
                          galcen_coord=SkyCoord(l=0 * u.deg, b=0 * u.deg, frame=Galactic()).icrs, roll=roll_deg * u.deg)


def pole_y(roll_deg):
    """y of a point 1 kpc towards the north Galactic pole: zero when the frame is aligned with the plane."""
    pole = SkyCoord(l=0 * u.deg, b=90 * u.deg, distance=1 * u.kpc, frame=Galactic())
    return pole.transform_to(frame_with(roll_deg)).y.to_value(u.kpc)


lo, hi = -0.01, 0.01
for _ in range(200):
    mid = 0.5 * (lo + hi)
    if (pole_y(lo) < 0) == (pole_y(mid) < 0):
        lo = mid
    else:
        hi = mid
frame = frame_with(0.5 * (lo + hi))
c = SkyCoord(ra=ra * u.deg, dec=dec * u.deg, distance=dist * u.kpc, pm_ra_cosdec=pmra * u.mas / u.yr,
             pm_dec=pmdec * u.mas / u.yr, radial_velocity=rv * u.km / u.s, frame='icrs')
g = c.galactic
gc = c.transform_to(frame)
out = 'datasets/src/test/resources/mock/galactocentric_astropy.csv'
with open(out, 'w', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    f.write('# astropy %s, numpy %s, roll %.12g deg; see datasets/src/test/scripts/astropy-galactocentric-reference.py\n'
            % (astropy.__version__, np.__version__, frame.roll.to_value(u.deg)))
    w.writerow(['ra', 'dec', 'distance', 'pmra', 'pmdec', 'rv', 'l', 'b', 'x', 'y', 'z', 'vx', 'vy', 'vz'])
    for i in range(n):
        w.writerow([repr(float(v)) for v in (ra[i], dec[i], dist[i], pmra[i], pmdec[i], rv[i], g.l.deg[i], g.b.deg[i],
                                              gc.x.to_value(u.kpc)[i], gc.y.to_value(u.kpc)[i], gc.z.to_value(u.kpc)[i],
                                              gc.v_x.to_value(u.km / u.s)[i], gc.v_y.to_value(u.km / u.s)[i],
                                              gc.v_z.to_value(u.km / u.s)[i])])
print('wrote', out)
