#!/usr/bin/python3
"""Reference periodograms for GeneralisedLombScarglePeriodogramTest, from astropy.

Writes, next to this script:
  gls_series.csv  star,t,y,dy          the RV series (days, km/s, km/s)
  gls_grids.csv   star,fmin,df,count   each star's frequency grid (cycles/day): astropy's autofrequency
                                       with the limits below, so its maximum is the fmax astropy's FAP uses
  gls_power.csv   star,k,frequency,power   every 7th grid point of astropy's power
  gls_peaks.csv   star,n,best_k,best_frequency,best_power,fap   peak and Baluev (2008) false-alarm probability

Periodograms: astropy.timeseries.LombScargle(t, y, dy, fit_mean=True, center_data=True,
normalization='standard'), method='slow' (the exact sums); false_alarm_probability(method='baluev').
The series are drawn with numpy's PCG64 from a fixed seed, so rerunning gives the same files on the
same numpy. Needs numpy and astropy (the Debian python3-numpy, python3-astropy packages):

    /usr/bin/python3 engine/src/test/resources/stars/gls_fixture.py
"""
import csv
import os

import astropy
import numpy as np
from astropy.timeseries import LombScargle

here = os.path.dirname(os.path.abspath(__file__))
rng = np.random.Generator(np.random.PCG64(20261122))


def visits(n_nights, per_night, span, start=58400.0):
    nights = np.sort(np.floor(rng.uniform(0, span, n_nights)))
    t = [start + d + 0.6 + e * 20 / 1440 for d in nights for e in range(per_night)]
    return np.array(t)


series = []
# 0: binary, K = 15 km/s, P = 3.7 d, 30 epochs in visits over 1500 d, errors 0.8-2 km/s
t = visits(10, 3, 1500)
dy = rng.uniform(0.8, 2.0, t.size)
series.append((t, 12.0 + 15 * np.sin(2 * np.pi * t / 3.7 + 1.0) + dy * rng.standard_normal(t.size), dy, 0.002, 2.0))
# 1: constant star, 24 epochs
t = visits(8, 3, 1200)
dy = rng.uniform(0.5, 1.5, t.size)
series.append((t, -40.0 + dy * rng.standard_normal(t.size), dy, 0.002, 2.0))
# 2: long period, K = 8 km/s, P = 160 d, uniform sampling over 900 d, 40 points
t = np.sort(rng.uniform(58000, 58900, 40))
dy = np.full(t.size, 1.1)
series.append((t, 3.0 + 8 * np.sin(2 * np.pi * t / 160.0) + dy * rng.standard_normal(t.size), dy, 0.001, 0.5))
# 3: only 6 epochs, weak signal
t = visits(2, 3, 300)
dy = rng.uniform(1.0, 3.0, t.size)
series.append((t, 5 * np.sin(2 * np.pi * t / 1.3) + dy * rng.standard_normal(t.size), dy, 0.01, 2.0))
# 4: short period 0.61 d, K = 30 km/s, 60 epochs, very unequal errors
t = visits(15, 4, 1800)
dy = 10 ** rng.uniform(-0.5, 0.7, t.size)
series.append((t, 30 * np.sin(2 * np.pi * t / 0.61) + dy * rng.standard_normal(t.size), dy, 0.002, 2.5))

with open(os.path.join(here, "gls_series.csv"), "w", newline="") as fs, \
        open(os.path.join(here, "gls_grids.csv"), "w", newline="") as fg, \
        open(os.path.join(here, "gls_power.csv"), "w", newline="") as fp, \
        open(os.path.join(here, "gls_peaks.csv"), "w", newline="") as fk:
    ws, wg, wp, wk = csv.writer(fs), csv.writer(fg), csv.writer(fp), csv.writer(fk)
    ws.writerow(["star", "t", "y", "dy"])
    wg.writerow(["star", "fmin", "df", "count"])
    wp.writerow(["star", "k", "frequency", "power"])
    wk.writerow(["star", "n", "best_k", "best_frequency", "best_power", "fap"])
    for star, (t, y, dy, fmin, fmax) in enumerate(series):
        for row in zip(t, y, dy):
            ws.writerow([star] + [repr(float(v)) for v in row])
        ls = LombScargle(t, y, dy, fit_mean=True, center_data=True, normalization="standard")
        freq = ls.autofrequency(samples_per_peak=5, minimum_frequency=fmin, maximum_frequency=fmax)
        df = 1.0 / (t.max() - t.min()) / 5
        assert np.array_equal(freq, fmin + df * np.arange(freq.size))
        wg.writerow([star, repr(fmin), repr(df), freq.size])
        power = ls.power(freq, method="slow")
        for k in range(0, freq.size, 7):
            wp.writerow([star, k, repr(float(freq[k])), repr(float(power[k]))])
        best = int(np.argmax(power))
        fap = ls.false_alarm_probability(power[best], method="baluev", samples_per_peak=5,
                                         minimum_frequency=fmin, maximum_frequency=fmax)
        wk.writerow([star, t.size, best, repr(float(freq[best])), repr(float(power[best])), repr(float(fap))])
print("astropy", astropy.__version__, "numpy", np.__version__)
