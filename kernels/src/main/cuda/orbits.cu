/*
 * Batched orbit integration (SPEC.md 6), the device half of org.ocengine.kernels.GpuOrbits and the
 * twin of org.ocengine.compute.CpuOrbitIntegration's symplectic schemes: one orbit per thread, the
 * same kick-drift splitting (leapfrog, or Blanes & Moan's 4th-order SRKN_6^b) with the same
 * coefficients and operation order, the same recorder (cubic Hermite through each step's ends;
 * pericentre, apocentre and Z_max at the turning points found by Brent's method as Commons Math's
 * BrentSolver finds them; snapshots; energy and L_z checked at every step end).
 *
 * The gravity field is a flat list of components (OC_ORBIT_FIELD_WORDS doubles each, the type code
 * first), summed in order as CompositePotential sums them:
 *   1 Miyamoto-Nagai disc    gm, a, b
 *   2 NFW halo               gm, rs
 *   3 power-law bulge with cut-off   amplitude, alpha, rc, Gamma(3/2 - alpha/2), Gamma(1 - alpha/2),
 *                            lnGamma(3/2 - alpha/2), lnGamma(1 - alpha/2)  (incomplete gamma functions
 *                            as Commons Math's Gamma computes them: series and Lentz's continued fraction)
 *   4 disc, analytic part (DiscAnsatz)   sigma0, rd, zd, rHole, vertical (0 exponential, 1 sech^2), 4 pi G
 *   5 multipole expansion    offset of its table in `tables`, ln rMin, step, nodes, orders, rMin, rMax, lMax
 *                            (the table of MultipoleExpansion.table(), as it is)
 * DOP853 (scheme 1) follows Commons Math's EmbeddedRungeKuttaIntegrator: its first step guess,
 * error norm (the 5th- and 3rd-order estimators combined as Hairer's), step control (safety 0.9,
 * factor within [0.2, 10], exponent -1/8), minimum step 1e-12 of the interval and the last step cut
 * to end on the interval; the recorder sees each accepted step through the cubic Hermite of its ends
 * (the CPU uses DOP853's 7th-order dense output: turning points and snapshots differ by about
 * 1e-8 relative on 0.5-2 Myr steps, within the issue's 1e-6).
 * The device's exp, log, log1p, expm1 and pow are CUDA's (within an ulp or two of Java's), so orbits
 * agree with the CPU's to rounding amplified by the orbit's dynamics, not to the bit.
 */
#include "oc_args.cuh"

#define OC_ORBIT_FIELD_WORDS 16
#define OC_ORBIT_OUT_WORDS 9

#ifdef __CUDACC__
#define OC_CONSTANT __constant__ static const
#else
#define OC_CONSTANT static const
#endif

/* Dormand-Prince 8(5,3) (Hairer, Norsett & Wanner's DOP853): the three extra stages and the
   coefficients of the 7th-order dense output, as scipy.integrate's dop853_coefficients print them.
   The stages and the error estimators come from the host (OcOrbitArgs.dop), copied from Commons
   Math's DormandPrince853Integrator so that the step control sees the CPU's numbers (its 3rd-order
   estimator is not scipy's). */
OC_CONSTANT double OC_DOP_A_EXTRA[3][16] = {
    {0.056167502283047954, 0.0, 0.0, 0.0, 0.0, 0.0, 0.25350021021662483, -0.2462390374708025, -0.12419142326381637, 0.15329179827876568, 0.00820105229563469, 0.007567897660545699, -0.008298, 0.0, 0.0, 0.0},
    {0.03183464816350214, 0.0, 0.0, 0.0, 0.0, 0.028300909672366776, 0.053541988307438566, -0.05492374857139099, 0.0, 0.0, -0.00010834732869724932, 0.0003825710908356584, -0.00034046500868740456, 0.1413124436746325, 0.0, 0.0},
    {-0.42889630158379194, 0.0, 0.0, 0.0, 0.0, -4.697621415361164, 7.683421196062599, 4.06898981839711, 0.3567271874552811, 0.0, 0.0, 0.0, -0.0013990241651590145, 2.9475147891527724, -9.15095847217987, 0.0},
};
OC_CONSTANT double OC_DOP_D[4][16] = {
    {-8.428938276109013, 0.0, 0.0, 0.0, 0.0, 0.5667149535193777, -3.0689499459498917, 2.38466765651207, 2.117034582445028, -0.871391583777973, 2.2404374302607883, 0.6315787787694688, -0.08899033645133331, 18.148505520854727, -9.194632392478356, -4.436036387594894},
    {10.427508642579134, 0.0, 0.0, 0.0, 0.0, 242.28349177525817, 165.20045171727028, -374.5467547226902, -22.113666853125306, 7.733432668472264, -30.674084731089398, -9.332130526430229, 15.697238121770845, -31.139403219565178, -9.35292435884448, 35.81684148639408},
    {19.985053242002433, 0.0, 0.0, 0.0, 0.0, -387.0373087493518, -189.17813819516758, 527.8081592054236, -11.57390253995963, 6.8812326946963, -1.0006050966910838, 0.7777137798053443, -2.778205752353508, -60.19669523126412, 84.32040550667716, 11.99229113618279},
    {-25.69393346270375, 0.0, 0.0, 0.0, 0.0, -154.18974869023643, -231.5293791760455, 357.6391179106141, 93.40532418362432, -37.45832313645163, 104.0996495089623, 29.8402934266605, -43.53345659001114, 96.32455395918828, -39.17726167561544, -149.72683625798564},
};

/* ContinuedFraction.evaluate for Gamma.regularizedGammaQ: modified Lentz. Returns NaN on failure. */
OC_HD double oc_gamma_q_fraction(double a, double x, double eps, int maxIterations) {
    const double small = 1e-50;
    double hPrev = (2.0 * 0 + 1.0) - a + x;
    if (fabs(hPrev) <= small) {
        hPrev = small;
    }
    int n = 1;
    double dPrev = 0.0;
    double cPrev = hPrev;
    double hN = hPrev;
    while (n < maxIterations) {
        double an = ((2.0 * n) + 1.0) - a + x;
        double bn = n * (a - n);
        double dN = an + bn * dPrev;
        if (fabs(dN) <= small) {
            dN = small;
        }
        double cN = an + bn / cPrev;
        if (fabs(cN) <= small) {
            cN = small;
        }
        dN = 1 / dN;
        double deltaN = cN * dN;
        hN = hPrev * deltaN;
        if (!oc_is_finite(hN)) {
            return oc_double(0x7ff8000000000000ull);
        }
        if (fabs(deltaN - 1.0) < eps) {
            return hN;
        }
        dPrev = dN;
        cPrev = cN;
        hPrev = hN;
        n++;
    }
    return oc_double(0x7ff8000000000000ull);
}

OC_HD double oc_gamma_q(double a, double x, double lnGammaA);

/* Gamma.regularizedGammaP(a, x, 1e-16, 10000), lnGamma(a) given. */
OC_HD double oc_gamma_p(double a, double x, double lnGammaA) {
    const double eps = 1e-16;
    const int maxIterations = 10000;
    if (x == 0.0) {
        return 0.0;
    }
    if (x >= a + 1) {
        return 1.0 - oc_gamma_q(a, x, lnGammaA);
    }
    double n = 0.0;
    double an = 1.0 / a;
    double sum = an;
    while (fabs(an / sum) > eps && n < maxIterations && oc_is_finite(sum)) {
        n += 1.0;
        an *= x / (a + n);
        sum += an;
    }
    if (n >= maxIterations) {
        return oc_double(0x7ff8000000000000ull);
    }
    if (!oc_is_finite(sum)) {
        return 1.0;
    }
    return exp(-x + (a * log(x)) - lnGammaA) * sum;
}

/* Gamma.regularizedGammaQ(a, x, 1e-16, 10000), lnGamma(a) given. */
OC_HD double oc_gamma_q(double a, double x, double lnGammaA) {
    if (x == 0.0) {
        return 1.0;
    }
    if (x < a + 1.0) {
        return 1.0 - oc_gamma_p(a, x, lnGammaA);
    }
    double ret = 1.0 / oc_gamma_q_fraction(a, x, 1e-16, 10000);
    return exp(-x + (a * log(x)) - lnGammaA) * ret;
}

/* A multipole component's polynomial value Phi_2j on interval k at t. */
OC_HD double oc_multipole_value(const double* c, int orders, int k, int j, double t) {
    int o = (k * orders + j) * 6;
    return c[o] + t * (c[o + 1] + t * (c[o + 2] + t * (c[o + 3] + t * (c[o + 4] + t * c[o + 5]))));
}

OC_HD double oc_multipole_outside(const double* c, const double* p, int j, double r) {
    int l = 2 * j;
    int orders = (int) p[5];
    int nodes = (int) p[4];
    double rMin = p[6];
    double rMax = p[7];
    if (r < rMin) {
        return oc_multipole_value(c, orders, 0, j, 0) * pow(r / rMin, (double) l);
    }
    return oc_multipole_value(c, orders, nodes - 2, j, 1) * pow(rMax / r, (double) (l + 1));
}

/* The grid interval of ln r, clamped to the grid as Java's (int) Math.floor saturates (-inf and NaN give 0). */
OC_HD int oc_multipole_interval(const double* p, double x) {
    double f = floor((x - p[2]) / p[3]);
    int last = (int) p[4] - 2;
    return !(f >= 0) ? 0 : f > last ? last : (int) f;
}

OC_HD double oc_rec_a(int l) {
    return (2.0 * l + 1) / (l + 1);
}

OC_HD double oc_rec_b(int l) {
    return (double) l / (l + 1);
}

OC_HD double oc_multipole_potential(const double* tables, const double* p, double cylR, double z) {
    const double* c = tables + (oc_i64) p[1];
    int orders = (int) p[5];
    double r = sqrt(cylR * cylR + z * z);
    double mu = r > 0 ? z / r : 0;
    double x = log(r);
    int k = oc_multipole_interval(p, x);
    double t = (x - p[2]) / p[3] - k;
    int inside = x >= p[2] && k < (int) p[4] - 1 && t <= 1;
    double pl = 1;
    double pOdd = mu;
    double sum = inside ? oc_multipole_value(c, orders, k, 0, t) : oc_multipole_outside(c, p, 0, r);
    for (int j = 1; j < orders; j++) {
        int l = 2 * j - 1;
        pl = oc_rec_a(l) * mu * pOdd - oc_rec_b(l) * pl;
        double phi = inside ? oc_multipole_value(c, orders, k, j, t) : oc_multipole_outside(c, p, j, r);
        sum += phi * pl;
        if (j < orders - 1) {
            pOdd = oc_rec_a(l + 1) * mu * pl - oc_rec_b(l + 1) * pOdd;
        }
    }
    return sum;
}

OC_HD void oc_add_gradient(double cylR, double z, double r, double dPhiDx, double dPhiDmu, double* acc) {
    double inv = 1 / r;
    double phiR = dPhiDx * inv;
    double m = dPhiDmu * inv * inv * inv;
    acc[0] -= phiR * cylR * inv - m * z * cylR;
    acc[1] -= phiR * z * inv + m * cylR * cylR;
}

OC_HD void oc_multipole_forces(const double* tables, const double* p, double cylR, double z, double* acc) {
    const double* c = tables + (oc_i64) p[1];
    int orders = (int) p[5];
    double step = p[3];
    double r = sqrt(cylR * cylR + z * z);
    if (r == 0) {
        return;
    }
    double mu = z / r;
    double x = log(r);
    int k = oc_multipole_interval(p, x);
    double t = (x - p[2]) / step - k;
    if (!(x >= p[2] && k < (int) p[4] - 1 && t <= 1)) {
        int lMax = (int) p[8];
        double pl = 1;
        double pPrev = 0;
        double dp = 0;
        double dpPrev = 0;
        double sumDx = 0;
        double sumDmu = 0;
        for (int l = 0, j = 0;; l++) {
            if ((l & 1) == 0) {
                double phi = oc_multipole_outside(c, p, j, r);
                double slope = r < p[6] ? 2.0 * j : -(2.0 * j + 1);
                sumDx += slope * phi * pl;
                sumDmu += phi * dp;
                j++;
            }
            if (l == lMax) {
                break;
            }
            double next = oc_rec_a(l) * mu * pl - oc_rec_b(l) * pPrev;
            double dNext = dpPrev + (2 * l + 1) * pl;
            pPrev = pl;
            pl = next;
            dpPrev = dp;
            dp = dNext;
        }
        oc_add_gradient(cylR, z, r, sumDx, sumDmu, acc);
        return;
    }
    int o = k * orders * 6;
    double sumDx = c[o + 1] + t * (2 * c[o + 2] + t * (3 * c[o + 3] + t * (4 * c[o + 4] + t * 5 * c[o + 5])));
    double sumDmu = 0;
    double pl = 1;
    double dp = 0;
    double pOdd = mu;
    for (int j = 1; j < orders; j++) {
        int l = 2 * j - 1;
        double pEven = oc_rec_a(l) * mu * pOdd - oc_rec_b(l) * pl;
        dp = dp + (2 * l + 1) * pOdd;
        pl = pEven;
        o += 6;
        double phi = c[o] + t * (c[o + 1] + t * (c[o + 2] + t * (c[o + 3] + t * (c[o + 4] + t * c[o + 5]))));
        double dphi = c[o + 1] + t * (2 * c[o + 2] + t * (3 * c[o + 3] + t * (4 * c[o + 4] + t * 5 * c[o + 5])));
        sumDx += dphi * pl;
        sumDmu += phi * dp;
        if (j < orders - 1) {
            pOdd = oc_rec_a(l + 1) * mu * pl - oc_rec_b(l + 1) * pOdd;
        }
    }
    oc_add_gradient(cylR, z, r, sumDx / step, sumDmu, acc);
}

OC_HD double oc_disc_sigma(const double* p, double cylR) {
    if (p[4] > 0) {
        return cylR <= 0 ? 0 : p[1] * exp(-p[4] / cylR - cylR / p[2]);
    }
    return p[1] * exp(-cylR / p[2]);
}

OC_HD double oc_disc_big_h(const double* p, double z) {
    double zd = p[3];
    if (p[5] == 0) {
        double u = fabs(z) / zd;
        return 0.5 * zd * (expm1(-u) + u);
    }
    double au = fabs(z) / (2 * zd);
    return zd * (au + log1p(exp(-2 * au)) - 0.69314718055994530942);
}

/* The potential of the field at (R, z), (km/s)^2. */
OC_HD double oc_field_potential(const double* field, oc_i64 components, const double* tables, double cylR, double z) {
    double sum = 0;
    for (oc_i64 i = 0; i < components; i++) {
        const double* p = field + i * OC_ORBIT_FIELD_WORDS;
        int type = (int) p[0];
        double v;
        if (type == 1) {
            double s = p[2] + sqrt(z * z + p[3] * p[3]);
            v = -p[1] / sqrt(cylR * cylR + s * s);
        } else if (type == 2) {
            double r = sqrt(cylR * cylR + z * z);
            double x = r / p[2];
            v = x < 1e-6 ? -p[1] / p[2] * (1 - x / 2 + x * x / 3) : -p[1] * log1p(x) / r;
        } else if (type == 3) {
            double r = sqrt(cylR * cylR + z * z);
            double rc = p[3];
            double x2 = (r / rc) * (r / rc);
            double alpha = p[2];
            double outer = p[1] / rc * p[5] * oc_gamma_q(1 - alpha / 2, x2, p[7]);
            v = r == 0 ? -outer : -(p[1] * p[4] * oc_gamma_p(1.5 - alpha / 2, x2, p[6]) / r + outer);
        } else if (type == 4) {
            double r = sqrt(cylR * cylR + z * z);
            r = r > 1e-10 ? r : 1e-10;
            v = p[6] * oc_disc_sigma(p, r) * oc_disc_big_h(p, z);
        } else {
            v = oc_multipole_potential(tables, p, cylR, z);
        }
        sum += v;
    }
    return sum;
}

/* F_R and F_z at (R, z) into f[0], f[1] ((km/s)^2 / kpc), as Potential.forces of the composite. */
OC_HD void oc_field_forces(const double* field, oc_i64 components, const double* tables, double cylR, double z, double* f) {
    f[0] = 0;
    f[1] = 0;
    for (oc_i64 i = 0; i < components; i++) {
        const double* p = field + i * OC_ORBIT_FIELD_WORDS;
        int type = (int) p[0];
        if (type == 1) {
            double zeta = sqrt(z * z + p[3] * p[3]);
            double s = p[2] + zeta;
            double d2 = cylR * cylR + s * s;
            double inv3 = 1 / (d2 * sqrt(d2));
            f[0] -= p[1] * cylR * inv3;
            f[1] -= p[1] * z * s / zeta * inv3;
        } else if (type == 2) {
            double r = sqrt(cylR * cylR + z * z);
            if (r == 0) {
                continue;
            }
            double x = r / p[2];
            double m = x < 1e-3 ? x * x * (0.5 - x * (2.0 / 3 - x * (0.75 - 0.8 * x))) : log1p(x) - x / (1 + x);
            double fr = -p[1] * m / (r * r * r);
            f[0] += fr * cylR;
            f[1] += fr * z;
        } else if (type == 3) {
            double r = sqrt(cylR * cylR + z * z);
            if (r == 0) {
                continue;
            }
            double rc = p[3];
            double x2 = (r / rc) * (r / rc);
            double enclosed = p[1] * p[4] * oc_gamma_p(1.5 - p[2] / 2, x2, p[6]);
            double fr = -enclosed / (r * r * r);
            f[0] += fr * cylR;
            f[1] += fr * z;
        } else if (type == 4) {
            double r = sqrt(cylR * cylR + z * z);
            r = r > 1e-10 ? r : 1e-10;
            double sigma = oc_disc_sigma(p, r);
            if (sigma == 0) {
                continue;
            }
            double dSigma = sigma * (p[4] / (r * r) - 1 / p[2]);
            double zd = p[3];
            double bigH;
            double dBigH;
            if (p[5] == 0) {
                double u = fabs(z) / zd;
                double e = exp(-u);
                bigH = 0.5 * zd * (expm1(-u) + u);
                dBigH = copysign(0.5 * (1 - e), z);
            } else {
                double au = fabs(z) / (2 * zd);
                double e = exp(-2 * au);
                bigH = zd * (au + log1p(e) - 0.69314718055994530942);
                dBigH = copysign(0.5 * (1 - e) / (1 + e), z);
            }
            f[0] -= p[6] * dSigma * (cylR / r) * bigH;
            f[1] -= p[6] * (dSigma * (z / r) * bigH + sigma * dBigH);
        } else {
            oc_multipole_forces(tables, p, cylR, z, f);
        }
    }
}

OC_HD void oc_orbit_accelerate(const OcOrbitArgs& a, double x, double y, double z, double* acc) {
    double f[2];
    double cylR = sqrt(x * x + y * y);
    oc_field_forces(a.field, a.components, a.tables, cylR, z, f);
    double radial = cylR > 0 ? f[0] / cylR : 0;
    acc[0] = radial * x;
    acc[1] = radial * y;
    acc[2] = f[1];
}

OC_HD double oc_orbit_energy(const OcOrbitArgs& a, const double* s) {
    double v2 = s[3] * s[3] + s[4] * s[4] + s[5] * s[5];
    return 0.5 * v2 + oc_field_potential(a.field, a.components, a.tables, sqrt(s[0] * s[0] + s[1] * s[1]), s[2]);
}

/* CpuOrbitIntegration.Hermite: the cubic through a step's positions and velocities. */
typedef struct {
    double tA;
    double h;
    double p0[3];
    double p1[3];
    double m0[3];
    double m1[3];
} OcHermite;

OC_HD void oc_hermite_set(OcHermite& s, double tA, const double* yA, double tB, const double* yB) {
    s.tA = tA;
    s.h = tB - tA;
    for (int k = 0; k < 3; k++) {
        s.p0[k] = yA[k];
        s.p1[k] = yB[k];
        s.m0[k] = yA[k + 3] * s.h;
        s.m1[k] = yB[k + 3] * s.h;
    }
}

OC_HD void oc_hermite_at(const OcHermite& s, double t, double* y) {
    double u = (t - s.tA) / s.h;
    double u2 = u * u;
    double u3 = u2 * u;
    double h00 = 2 * u3 - 3 * u2 + 1;
    double h10 = u3 - 2 * u2 + u;
    double h01 = -2 * u3 + 3 * u2;
    double h11 = u3 - u2;
    double d00 = 6 * u2 - 6 * u;
    double d10 = 3 * u2 - 4 * u + 1;
    double d01 = -6 * u2 + 6 * u;
    double d11 = 3 * u2 - 2 * u;
    for (int k = 0; k < 3; k++) {
        y[k] = h00 * s.p0[k] + h10 * s.m0[k] + h01 * s.p1[k] + h11 * s.m1[k];
        y[k + 3] = (d00 * s.p0[k] + d10 * s.m0[k] + d01 * s.p1[k] + d11 * s.m1[k]) / s.h;
    }
}

/* The state inside a step: the cubic Hermite of its ends (symplectic schemes), or DOP853's
   7th-order dense output y(t) = y_old + sum of F_i times alternating powers of x and 1 - x. */
typedef struct {
    int dense;
    OcHermite hermite;
    double tOld;
    double h;
    double yOld[6];
    double f[7][6];
} OcStepState;

OC_HD void oc_state_at(const OcStepState& s, double t, double* y) {
    if (!s.dense) {
        oc_hermite_at(s.hermite, t, y);
        return;
    }
    double x = (t - s.tOld) / s.h;
    for (int j = 0; j < 6; j++) {
        double v = 0;
        for (int i = 6; i >= 0; i--) {
            v += s.f[i][j];
            v *= (6 - i) % 2 == 0 ? x : 1 - x;
        }
        y[j] = v + s.yOld[j];
    }
}

/* What the recorder's root search looks at: 0 the radial velocity r.v, 1 v_z. */
OC_HD double oc_turning(const OcStepState& s, int which, double t) {
    double y[6];
    oc_state_at(s, t, y);
    return which == 0 ? y[0] * y[3] + y[1] * y[4] + y[2] * y[5] : y[5];
}

/* BrentSolver.brent (Commons Math 3.6), relative accuracy 1e-14, absolute 1e-12. */
OC_HD double oc_brent(const OcStepState& s, int which, double lo, double hi, double fLo, double fHi) {
    const double tAbs = 1e-12;
    const double eps = 1e-14;
    double a = lo;
    double fa = fLo;
    double b = hi;
    double fb = fHi;
    double c = a;
    double fc = fa;
    double d = b - a;
    double e = d;
    for (int evaluations = 0; evaluations < 200; evaluations++) {
        if (fabs(fc) < fabs(fb)) {
            a = b;
            b = c;
            c = a;
            fa = fb;
            fb = fc;
            fc = fa;
        }
        double tol = 2 * eps * fabs(b) + tAbs;
        double m = 0.5 * (c - b);
        if (fabs(m) <= tol || fb == 0) {
            return b;
        }
        if (fabs(e) < tol || fabs(fa) <= fabs(fb)) {
            d = m;
            e = d;
        } else {
            double sr = fb / fa;
            double p;
            double q;
            if (a == c) {
                p = 2 * m * sr;
                q = 1 - sr;
            } else {
                q = fa / fc;
                double r = fb / fc;
                p = sr * (2 * m * q * (q - r) - (b - a) * (r - 1));
                q = (q - 1) * (r - 1) * (sr - 1);
            }
            if (p > 0) {
                q = -q;
            } else {
                p = -p;
            }
            sr = e;
            e = d;
            if (p >= 1.5 * m * q - fabs(tol * q) || p >= fabs(0.5 * sr * q)) {
                d = m;
                e = d;
            } else {
                d = p / q;
            }
        }
        a = b;
        fa = fb;
        if (fabs(d) > tol) {
            b += d;
        } else if (m > 0) {
            b += tol;
        } else {
            b -= tol;
        }
        fb = oc_turning(s, which, b);
        if ((fb > 0 && fc > 0) || (fb <= 0 && fc <= 0)) {
            c = a;
            fc = fa;
            d = b - a;
            e = d;
        }
    }
    return oc_double(0x7ff8000000000000ull);
}

/* BrentSolver.doSolve over [lo, hi] from the midpoint (function value accuracy 1e-15); NaN when not bracketed. */
OC_HD double oc_root(const OcStepState& s, int which, double lo, double hi) {
    const double fva = 1e-15;
    double initial = lo + 0.5 * (hi - lo);
    double yInitial = oc_turning(s, which, initial);
    if (fabs(yInitial) <= fva) {
        return initial;
    }
    double yMin = oc_turning(s, which, lo);
    if (fabs(yMin) <= fva) {
        return lo;
    }
    if (yInitial * yMin < 0) {
        return oc_brent(s, which, lo, initial, yMin, yInitial);
    }
    double yMax = oc_turning(s, which, hi);
    if (fabs(yMax) <= fva) {
        return hi;
    }
    if (yInitial * yMax < 0) {
        return oc_brent(s, which, initial, hi, yInitial, yMax);
    }
    return oc_double(0x7ff8000000000000ull);
}

typedef struct {
    double rMin;
    double rMax;
    double zMax;
    double e0;
    double lz0;
    double energyDrift;
    double lzChange;
    int failed;
} OcRecorder;

OC_HD void oc_extremes(OcRecorder& rec, const double* s) {
    double r = sqrt(s[0] * s[0] + s[1] * s[1] + s[2] * s[2]);
    rec.rMin = fmin(rec.rMin, r);
    rec.rMax = fmax(rec.rMax, r);
    rec.zMax = fmax(rec.zMax, fabs(s[2]));
}

OC_HD void oc_snap(const OcOrbitArgs& a, oc_i64 orbit, oc_i64 k, const double* s) {
    a.snapR[orbit * a.snapshots + k] = sqrt(s[0] * s[0] + s[1] * s[1]);
    a.snapZ[orbit * a.snapshots + k] = s[2];
}

/* CpuOrbitIntegration.Recorder.step. */
OC_HD void oc_record_step(const OcOrbitArgs& a, oc_i64 orbit, OcRecorder& rec, double tA, const double* yA, double tB,
                          const double* yB, const OcStepState& state) {
    double y[6];
    oc_extremes(rec, yB);
    double gA = yA[0] * yA[3] + yA[1] * yA[4] + yA[2] * yA[5];
    double gB = yB[0] * yB[3] + yB[1] * yB[4] + yB[2] * yB[5];
    double lo = fmin(tA, tB);
    double hi = fmax(tA, tB);
    if (gA * gB < 0) {
        double t = oc_root(state, 0, lo, hi);
        if (t != t) {
            rec.failed = 1;
        } else {
            oc_state_at(state, t, y);
            oc_extremes(rec, y);
        }
    }
    if (yA[5] * yB[5] < 0) {
        double t = oc_root(state, 1, lo, hi);
        if (t != t) {
            rec.failed = 1;
        } else {
            oc_state_at(state, t, y);
            oc_extremes(rec, y);
        }
    }
    for (oc_i64 k = 0; k < a.snapshots; k++) {
        double s = a.snapTimes[k] * a.direction;
        if (s > tA * a.direction && s <= tB * a.direction) {
            oc_state_at(state, a.snapTimes[k], y);
            oc_snap(a, orbit, k, y);
        }
    }
    double dE = fabs(oc_orbit_energy(a, yB) - rec.e0) / fabs(rec.e0);
    rec.energyDrift = fmax(rec.energyDrift, dE);
    double lz = yB[1] * yB[3] - yB[0] * yB[4];
    rec.lzChange = fmax(rec.lzChange, fabs(lz - rec.lz0));
}

OC_HD void oc_orbit_finish(const OcOrbitArgs& a, oc_i64 orbit, const OcRecorder& rec, int failed, double evals, double steps);

OC_HD void oc_orbit_derivatives(const OcOrbitArgs& a, const double* y, double* dy) {
    dy[0] = y[3];
    dy[1] = y[4];
    dy[2] = y[5];
    oc_orbit_accelerate(a, y[0], y[1], y[2], dy + 3);
}

/* Commons Math's AdaptiveStepsizeIntegrator.filterStep; NaN when the step is too small and may not be accepted. */
OC_HD double oc_dop_filter(double h, int forward, int acceptSmall, double minStep, double maxStep) {
    double filtered = h;
    if (fabs(h) < minStep) {
        if (!acceptSmall) {
            return oc_double(0x7ff8000000000000ull);
        }
        filtered = forward ? minStep : -minStep;
    }
    if (filtered > maxStep) {
        filtered = maxStep;
    } else if (filtered < -maxStep) {
        filtered = -maxStep;
    }
    return filtered;
}

/* DOP853 through the whole interval; returns the status (0, or 2 when the step control fails) and counts evaluations and steps. */
OC_HD int oc_orbit_dop853(const OcOrbitArgs& a, oc_i64 orbit, OcRecorder& rec, const double* y0, double* evals, double* steps) {
    const double total = a.total;
    const int forward = total > 0;
    const double tol = a.tolerance;
    const double minStep = 1e-12 * fabs(total);
    const double maxStep = fabs(total);
    double k[16][6];
    double y[6];
    double yTmp[6];
    double yEnd[6];
    double scale[6];
    for (int j = 0; j < 6; j++) {
        y[j] = y0[j];
    }
    oc_orbit_derivatives(a, y, k[0]);
    *evals += 1;
    /* AdaptiveStepsizeIntegrator.initializeStep, order 8 */
    for (int j = 0; j < 6; j++) {
        scale[j] = (j < 3 ? tol : 100 * tol) + tol * fabs(y[j]);
    }
    double yOnScale2 = 0;
    double yDotOnScale2 = 0;
    for (int j = 0; j < 6; j++) {
        double ratio = y[j] / scale[j];
        yOnScale2 += ratio * ratio;
        ratio = k[0][j] / scale[j];
        yDotOnScale2 += ratio * ratio;
    }
    double h = (yOnScale2 < 1.0e-10 || yDotOnScale2 < 1.0e-10) ? 1.0e-6 : 0.01 * sqrt(yOnScale2 / yDotOnScale2);
    if (!forward) {
        h = -h;
    }
    for (int j = 0; j < 6; j++) {
        yTmp[j] = y[j] + h * k[0][j];
    }
    oc_orbit_derivatives(a, yTmp, k[1]);
    *evals += 1;
    double yDDotOnScale = 0;
    for (int j = 0; j < 6; j++) {
        double ratio = (k[1][j] - k[0][j]) / scale[j];
        yDDotOnScale += ratio * ratio;
    }
    yDDotOnScale = sqrt(yDDotOnScale) / h;
    double maxInv2 = fmax(sqrt(yDotOnScale2), yDDotOnScale);
    double h1 = maxInv2 < 1.0e-15 ? fmax(1.0e-6, 0.001 * fabs(h)) : pow(0.01 / maxInv2, 1.0 / 8);
    h = fmin(100.0 * fabs(h), h1);
    h = fmax(h, 0.0); /* 1e-12 |t0| with t0 = 0 */
    if (h < minStep) {
        h = minStep;
    }
    if (h > maxStep) {
        h = maxStep;
    }
    double hNew = forward ? h : -h;
    double t = 0;
    int last = 0;
    OcStepState state;
    state.dense = 1;
    while (!last) {
        double error = 10;
        double stepSize = 0;
        while (error >= 1.0) {
            stepSize = hNew;
            if (forward ? t + stepSize >= total : t + stepSize <= total) {
                stepSize = total - t;
            }
            for (int s = 1; s < 13; s++) {
                for (int j = 0; j < 6; j++) {
                    const double* row = a.dop + 12 * (s - 1);
                    double sum = row[0] * k[0][j];
                    for (int l = 1; l < s; l++) {
                        sum += row[l] * k[l][j];
                    }
                    yTmp[j] = y[j] + stepSize * sum;
                }
                oc_orbit_derivatives(a, yTmp, k[s]);
                if (s == 12) {
                    for (int j = 0; j < 6; j++) {
                        yEnd[j] = yTmp[j];
                    }
                }
            }
            *evals += 12;
            if (*evals > 1.0e7) {
                return 2;
            }
            double error1 = 0;
            double error2 = 0;
            for (int j = 0; j < 6; j++) {
                /* DormandPrince853Integrator.estimateError: stages 1 and 6 to 12, in that order */
                const double* e1 = a.dop + 144;
                const double* e2 = a.dop + 152;
                double e5 = e1[0] * k[0][j];
                double e3 = e2[0] * k[0][j];
                for (int m = 1; m < 8; m++) {
                    e5 += e1[m] * k[m + 4][j];
                    e3 += e2[m] * k[m + 4][j];
                }
                double yScale = fmax(fabs(y[j]), fabs(yEnd[j]));
                double tolJ = (j < 3 ? tol : 100 * tol) + tol * yScale;
                double r1 = e5 / tolJ;
                error1 += r1 * r1;
                double r2 = e3 / tolJ;
                error2 += r2 * r2;
            }
            double den = error1 + 0.01 * error2;
            if (den <= 0.0) {
                den = 1.0;
            }
            error = fabs(stepSize) * error1 / sqrt(6 * den);
            if (error >= 1.0) {
                double factor = fmin(10.0, fmax(0.2, 0.9 * pow(error, -1.0 / 8)));
                hNew = oc_dop_filter(stepSize * factor, forward, 0, minStep, maxStep);
                if (hNew != hNew) {
                    return 2;
                }
            }
        }
        double tB = t + stepSize;
        /* the last step: Commons Math's Precision.equals(t, end, 1), the ends within one ulp */
        oc_i64 ulps = (oc_i64) oc_bits(tB) - (oc_i64) oc_bits(total);
        last = (tB > 0) == (total > 0) && ulps <= 1 && ulps >= -1;
        /* the dense output (three more evaluations) only when the recorder looks inside the step */
        int inside = (y[0] * y[3] + y[1] * y[4] + y[2] * y[5]) * (yEnd[0] * yEnd[3] + yEnd[1] * yEnd[4] + yEnd[2] * yEnd[5]) < 0
                || y[5] * yEnd[5] < 0;
        for (oc_i64 m = 0; m < a.snapshots && !inside; m++) {
            double sm = a.snapTimes[m] * a.direction;
            inside = sm > t * a.direction && sm <= tB * a.direction;
        }
        if (inside) {
            for (int e = 0; e < 3; e++) {
                for (int j = 0; j < 6; j++) {
                    double sum = 0;
                    for (int l = 0; l < 13 + e; l++) {
                        sum += OC_DOP_A_EXTRA[e][l] * k[l][j];
                    }
                    yTmp[j] = y[j] + sum * stepSize;
                }
                oc_orbit_derivatives(a, yTmp, k[13 + e]);
            }
            *evals += 3;
            state.tOld = t;
            state.h = stepSize;
            for (int j = 0; j < 6; j++) {
                double delta = yEnd[j] - y[j];
                state.yOld[j] = y[j];
                state.f[0][j] = delta;
                state.f[1][j] = stepSize * k[0][j] - delta;
                state.f[2][j] = 2 * delta - stepSize * (k[12][j] + k[0][j]);
                for (int i = 0; i < 4; i++) {
                    double sum = 0;
                    for (int l = 0; l < 16; l++) {
                        sum += OC_DOP_D[i][l] * k[l][j];
                    }
                    state.f[3 + i][j] = stepSize * sum;
                }
            }
        }
        oc_record_step(a, orbit, rec, t, y, tB, yEnd, state);
        *steps += 1;
        for (int j = 0; j < 6; j++) {
            y[j] = yEnd[j];
            k[0][j] = k[12][j];
        }
        t = tB;
        if (!last) {
            double factor = fmin(10.0, fmax(0.2, 0.9 * pow(error, -1.0 / 8)));
            double scaledH = stepSize * factor;
            double nextT = t + scaledH;
            int nextIsLast = forward ? nextT >= total : nextT <= total;
            hNew = oc_dop_filter(scaledH, forward, nextIsLast, minStep, maxStep);
            if (hNew != hNew) {
                return 2;
            }
            double filteredNextT = t + hNew;
            if (forward ? filteredNextT >= total : filteredNextT <= total) {
                hNew = total - t;
            }
        }
    }
    return 0;
}

/* One orbit: CpuOrbitIntegration.symplectic or DOP853, and the recorder; out = rPeri, rApo, zMax, E, drift, dLz, status, evaluations, steps. */
OC_HD void oc_orbit_integrate_thread(oc_i64 t, OcOrbitArgs a) {
    oc_i64 orbit = a.orbit0 + t;
    const double* y0 = a.start + 6 * orbit;
    double* out = a.out + OC_ORBIT_OUT_WORDS * orbit;
    const double nan = oc_double(0x7ff8000000000000ull);
    for (oc_i64 k = 0; k < a.snapshots; k++) {
        a.snapR[orbit * a.snapshots + k] = nan;
        a.snapZ[orbit * a.snapshots + k] = nan;
    }
    for (int i = 0; i < 6; i++) {
        if (!oc_is_finite(y0[i])) {
            for (int w = 0; w < 6; w++) {
                out[w] = nan;
            }
            out[6] = 1; /* not finite at the start */
            out[7] = 0;
            out[8] = 0;
            return;
        }
    }
    OcRecorder rec;
    rec.rMin = oc_double(0x7ff0000000000000ull);
    rec.rMax = 0;
    rec.zMax = 0;
    rec.energyDrift = 0;
    rec.lzChange = 0;
    rec.failed = 0;
    rec.e0 = oc_orbit_energy(a, y0);
    rec.lz0 = y0[1] * y0[3] - y0[0] * y0[4];
    oc_extremes(rec, y0);
    for (oc_i64 k = 0; k < a.snapshots; k++) {
        if (a.snapTimes[k] == 0) {
            oc_snap(a, orbit, k, y0);
        }
    }
    if (a.scheme == 1) {
        double evaluations = 0;
        double steps = 0;
        int failed = oc_orbit_dop853(a, orbit, rec, y0, &evaluations, &steps);
        oc_orbit_finish(a, orbit, rec, failed, evaluations, steps);
        return;
    }
    double q[3] = {y0[0], y0[1], y0[2]};
    double p[3] = {y0[3], y0[4], y0[5]};
    double acc[3];
    oc_orbit_accelerate(a, q[0], q[1], q[2], acc);
    double evals = 1;
    double yA[6];
    double yB[6];
    for (int i = 0; i < 6; i++) {
        yA[i] = y0[i];
    }
    OcStepState step;
    step.dense = 0;
    const double h = a.h;
    const int stages = (int) a.stages;
    for (oc_i64 k = 0; k < a.steps; k++) {
        double tA = k * h;
        double tB = k == a.steps - 1 ? a.total : (k + 1) * h;
        for (int stage = 0; stage < stages; stage++) {
            double b = a.kicks[stage] * h;
            p[0] += b * acc[0];
            p[1] += b * acc[1];
            p[2] += b * acc[2];
            double dr = a.drifts[stage] * h;
            q[0] += dr * p[0];
            q[1] += dr * p[1];
            q[2] += dr * p[2];
            oc_orbit_accelerate(a, q[0], q[1], q[2], acc);
            evals++;
        }
        double b = a.kicks[stages] * h;
        p[0] += b * acc[0];
        p[1] += b * acc[1];
        p[2] += b * acc[2];
        yB[0] = q[0];
        yB[1] = q[1];
        yB[2] = q[2];
        yB[3] = p[0];
        yB[4] = p[1];
        yB[5] = p[2];
        oc_hermite_set(step.hermite, tA, yA, tB, yB);
        oc_record_step(a, orbit, rec, tA, yA, tB, yB, step);
        for (int i = 0; i < 6; i++) {
            yA[i] = yB[i];
        }
    }
    oc_orbit_finish(a, orbit, rec, 0, evals, (double) a.steps);
}
OC_KERNEL(oc_orbit_integrate, OcOrbitArgs)

/* Writes an orbit's outputs (see oc_orbit_integrate_thread); failed: the integrator's own failure. */
OC_HD void oc_orbit_finish(const OcOrbitArgs& a, oc_i64 orbit, const OcRecorder& rec, int failed, double evals, double steps) {
    double* out = a.out + OC_ORBIT_OUT_WORDS * orbit;
    const double nan = oc_double(0x7ff8000000000000ull);
    int finite = oc_is_finite(rec.rMin) && oc_is_finite(rec.rMax) && oc_is_finite(rec.zMax) && oc_is_finite(rec.energyDrift);
    int status = rec.failed || failed ? 2 : finite ? 0 : 3;
    out[0] = status == 0 ? rec.rMin : nan;
    out[1] = status == 0 ? rec.rMax : nan;
    out[2] = status == 0 ? rec.zMax : nan;
    out[3] = status == 0 ? rec.e0 : nan;
    out[4] = status == 0 ? rec.energyDrift : nan;
    out[5] = status == 0 ? rec.lzChange : nan;
    out[6] = status;
    out[7] = evals;
    out[8] = steps;
    if (status != 0) {
        for (oc_i64 k = 0; k < a.snapshots; k++) {
            a.snapR[orbit * a.snapshots + k] = nan;
            a.snapZ[orbit * a.snapshots + k] = nan;
        }
    }
}

/* The field itself, for the checks: potential and forces at given (R, z). */
OC_HD void oc_orbit_field_thread(oc_i64 t, OcOrbitFieldArgs a) {
    double f[2];
    a.out[3 * t] = oc_field_potential(a.field, a.components, a.tables, a.cylR[t], a.z[t]);
    oc_field_forces(a.field, a.components, a.tables, a.cylR[t], a.z[t], f);
    a.out[3 * t + 1] = f[0];
    a.out[3 * t + 2] = f[1];
}
OC_KERNEL(oc_orbit_field, OcOrbitFieldArgs)
