#!/usr/bin/env python3
"""Reference positions for EpochPropagationTest, from astropy's SkyCoord.apply_space_motion.

Prints the Java rows hard-coded in the test: {ra, dec, pmra, pmdec, from, to, ra', dec'}.
astropy is given zero radial velocity, i.e. straight-line motion in space, the model
EpochPropagation implements, and a small distance (1 pc): ERFA's starpm then implies a space
velocity far below c, so its relativistic and light-time terms vanish (at 1 kpc, 1 arcsec/yr is
4700 km/s and they move positions by up to 0.7 mas over 16 years; without a distance ERFA
overrides the parallax and positions move differently again). Both epochs are TDB so that no
TCB/TDB rate change (1.55e-8) enters.
Run with: /usr/bin/python3 engine/src/test/scripts/astropy-epoch-reference.py
(astropy 5.2.1, numpy 1.24.2 produced the values in the test).
"""
import astropy
import astropy.units as u
from astropy.coordinates import SkyCoord
from astropy.time import Time

ROWS = [
    # ra, dec (deg), pmra (mas/yr, includes cos dec), pmdec (mas/yr), from, to (Julian years)
    (132.846, 11.814, -10.97, -2.94, 2016.0, 2000.0),     # an M67 member, DR3 to J2000
    (269.452, 4.693, -798.6, 600.0, 2016.0, 2000.0),      # 1 arcsec/yr
    (0.0001, -5.0, 900.0, 0.0, 2016.0, 2000.0),           # moves across RA 0/360
    (250.0, 89.99, 300.0, -200.0, 2016.0, 2000.0),        # 36 arcsec from the north pole
    (10.0, -89.995, -50.0, 40.0, 2016.0, 2000.0),         # 18 arcsec from the south pole
    (201.5, 60.25, 35.2, -48.9, 2015.5, 2011.5),          # DR2 epoch to a LAMOST-like epoch
    (83.82, -5.39, 1.3, 0.4, 2016.0, 2025.0),             # forwards
    (45.0, 30.0, 0.0, 0.0, 2016.0, 2000.0),               # no motion
]

print(f"// astropy {astropy.__version__}: SkyCoord(..., distance=1 pc, radial_velocity=0, "
      "obstime=Time(from, format='jyear', scale='tdb')).apply_space_motion(Time(to, ...))")
for ra, dec, pmra, pmdec, t0, t1 in ROWS:
    c = SkyCoord(ra=ra * u.deg, dec=dec * u.deg, pm_ra_cosdec=pmra * u.mas / u.yr, pm_dec=pmdec * u.mas / u.yr,
                 distance=1 * u.pc, radial_velocity=0 * u.km / u.s,
                 obstime=Time(t0, format="jyear", scale="tdb"), frame="icrs")
    m = c.apply_space_motion(new_obstime=Time(t1, format="jyear", scale="tdb"))
    print(f"{{{ra}, {dec}, {pmra}, {pmdec}, {t0}, {t1}, {m.ra.deg:.13f}, {m.dec.deg:.13f}}},")
