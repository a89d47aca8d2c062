package org.ocengine.datasets.mock;

/**
 * What the LAMOST medium-resolution pipeline makes of a star in one exposure: its S/N, the measured
 * RV and parameters with the published uncertainties, the known biases, failures and sentinels.
 *
 * <ul>
 *   <li><b>S/N</b> from G: S/N = S15 F sqrt(1 + B) / sqrt(F + B), F = 10^(-0.4 (G - 15)) (source
 *       photons against a sky-and-read-noise floor of B times the G = 15 signal), so S/N = S15 at
 *       G = 15 and rises for brighter stars; times a per-exposure factor (weather; drawn by the field)
 *       and a per-spectrum factor exp(N(0, {@code snrScatter})). S15 = 10 for the open-cluster survey's
 *       3 x 1200 s co-adds (Zhang et al. 2025), S15 / sqrt(3) for a time-domain single exposure.</li>
 *   <li><b>Errors</b>: each value is truth + bias + N(0, sigma(S/N)) with sigma from
 *       {@link ErrorLaw} (Qin et al. 2025, Table 3), and the catalogue's error column is sigma(S/N).</li>
 *   <li><b>RV zero points</b>: the field adds an offset per (exposure, spectrograph) before the noise.</li>
 *   <li><b>Biases</b> (true parameters): cool dwarfs (Teff &lt; 5000 K, logg &gt;= 4) get logg lowered by
 *       {@code coolDwarfLoggBias} and [Fe/H] by {@code coolDwarfFehBias}, scaled by
 *       w = min(1, (5000 - Teff) / 1000); hot stars' abundances get extra scatter that the error
 *       column does not report: sigma = {@code hotFehSigma} ({@code hotAlphaSigma} for [alpha/M]) x
 *       min(1, max(0, (Teff - 7000) / 1500)).</li>
 *   <li><b>Failures</b>: a fraction {@code rvFailure} of spectra get rv_flag = 1 and an RV off by
 *       N(0, {@code rvFailureSigma}); below S/N {@code minParameterSnr}, and for true Teff outside
 *       the pipeline's range, Teff/logg/[Fe/H]/[alpha/M] and their errors are the sentinel -9999;
 *       spectra below S/N {@code minCatalogueSnr} are not in the catalogue at all.</li>
 *   <li><b>Fibre positions</b> jitter by N(0, {@code fibreJitterArcsec}) per axis.</li>
 * </ul>
 * Immutable and thread-safe.
 *
 * @param snrAtG15            S15 of a co-added open-cluster spectrum
 * @param skyFloor            B, the sky and read noise in units of the G = 15 signal
 * @param snrScatter          per-spectrum log-normal S/N scatter
 * @param rvFailure           fraction of spectra whose RV fit fails (rv_flag = 1)
 * @param rvFailureSigma      how far a failed RV is off, km/s
 * @param minCatalogueSnr     spectra below this S/N are not written
 * @param minParameterSnr     below this S/N the parameters are -9999
 * @param minTeff             the pipeline gives parameters for true Teff in [minTeff, maxTeff], K
 * @param maxTeff             ...
 * @param coolDwarfLoggBias   logg offset of the coolest dwarfs, dex (negative: too low)
 * @param coolDwarfFehBias    [Fe/H] offset of the coolest dwarfs, dex (negative: too low)
 * @param hotFehSigma         unreported [Fe/H] scatter of stars at 8500 K and hotter, dex
 * @param hotAlphaSigma       unreported [alpha/M] scatter of stars at 8500 K and hotter, dex
 * @param fibreJitterArcsec   fibre positioning scatter per axis, arcsec
 */
public record SpectrumModel(double snrAtG15, double skyFloor, double snrScatter, double rvFailure, double rvFailureSigma,
                            double minCatalogueSnr, double minParameterSnr, double minTeff, double maxTeff,
                            double coolDwarfLoggBias, double coolDwarfFehBias, double hotFehSigma, double hotAlphaSigma,
                            double fibreJitterArcsec) {

    /** The catalogue's marker for a parameter the pipeline could not measure. */
    public static final double SENTINEL = -9999.0;

    /** The defaults described in the class comment. */
    public static final SpectrumModel DEFAULT = new SpectrumModel(10.0, 1.0, 0.10, 0.02, 15.0, 5.0, 8.0, 3500, 9000,
            -0.30, -0.25, 0.25, 0.30, 0.3);

    /** S/N of a star of magnitude {@code g} before the exposure and spectrum factors. */
    public double baseSnr(double g, boolean coadded) {
        double f = Math.pow(10, -0.4 * (g - 15));
        double s15 = coadded ? snrAtG15 : snrAtG15 / Math.sqrt(3);
        return s15 * f * Math.sqrt(1 + skyFloor) / Math.sqrt(f + skyFloor);
    }

    /** The cool-dwarf weight w in [0, 1] of true parameters (0 for anything but a cool dwarf). */
    public static double coolDwarfWeight(double teff, double logg) {
        if (teff >= 5000 || logg < 4.0) {
            return 0;
        }
        return Math.min(1, (5000 - teff) / 1000);
    }

    /** Unreported extra [Fe/H] scatter at a true Teff, dex. */
    public double hotFehExtra(double teff) {
        return hotFehSigma * hotWeight(teff);
    }

    /** Unreported extra [alpha/M] scatter at a true Teff, dex. */
    public double hotAlphaExtra(double teff) {
        return hotAlphaSigma * hotWeight(teff);
    }

    private static double hotWeight(double teff) {
        return Math.min(1, Math.max(0, (teff - 7000) / 1500));
    }

    /** The true parameters of a star in one exposure (inputs of {@link #measure}). */
    public static final class Truth {
        /** RV at the exposure's time: systemic plus orbital, km/s. */
        public double rv;
        /** Zero-point offset of the exposure's (exposure, spectrograph) cell, km/s. */
        public double rvOffset;
        public double teff;
        public double logg;
        public double feh;
        public double alphaM;
        /** S/N of the spectrum (after all factors). */
        public double snr;
    }

    /** One catalogue row's measured values, and what the model did to get them. Reused; not thread-safe. */
    public static final class Measurement {
        public double rv;
        public double rvErr;
        public int rvFlag;
        public double teff;
        public double teffErr;
        public double logg;
        public double loggErr;
        public double feh;
        public double fehErr;
        public double alphaM;
        public double alphaMErr;
        /** Offsets added to logg and [Fe/H] (the cool-dwarf bias), dex. */
        public double loggBias;
        public double fehBias;
        /** Unreported extra scatter of [Fe/H] and [alpha/M] used for this spectrum, dex. */
        public double fehExtraSigma;
        public double alphaExtraSigma;
        /** True when the parameters are sentinels. */
        public boolean parametersMissing;
    }

    /**
     * Measures a spectrum. Draws, in this order, from {@code s}: RV noise, the failure uniform, the
     * failure offset, then the noise of Teff, logg, [Fe/H], [alpha/M], and the extra [Fe/H] and
     * [alpha/M] scatter (always all of them, so the numbers do not depend on which are used).
     */
    public void measure(Truth t, MockRandom.Stream s, Measurement out) {
        double rvNoise = s.normal();
        double failure = s.uniform();
        double failureOffset = s.normal(0, rvFailureSigma);
        double zTeff = s.normal();
        double zLogg = s.normal();
        double zFeh = s.normal();
        double zAlpha = s.normal();
        double zFehExtra = s.normal();
        double zAlphaExtra = s.normal();

        out.rvErr = ErrorLaw.RV.sigma(t.snr);
        out.rv = t.rv + t.rvOffset + rvNoise * out.rvErr;
        out.rvFlag = 0;
        if (failure < rvFailure) {
            out.rvFlag = 1;
            out.rv += failureOffset;
        }
        double w = coolDwarfWeight(t.teff, t.logg);
        out.loggBias = w * coolDwarfLoggBias;
        out.fehBias = w * coolDwarfFehBias;
        out.fehExtraSigma = hotFehExtra(t.teff);
        out.alphaExtraSigma = hotAlphaExtra(t.teff);
        out.parametersMissing = t.snr < minParameterSnr || t.teff < minTeff || t.teff > maxTeff;
        if (out.parametersMissing) {
            out.teff = SENTINEL;
            out.teffErr = SENTINEL;
            out.logg = SENTINEL;
            out.loggErr = SENTINEL;
            out.feh = SENTINEL;
            out.fehErr = SENTINEL;
            out.alphaM = SENTINEL;
            out.alphaMErr = SENTINEL;
            return;
        }
        out.teffErr = ErrorLaw.TEFF.sigma(t.snr);
        out.teff = t.teff + zTeff * out.teffErr;
        out.loggErr = ErrorLaw.LOGG.sigma(t.snr);
        out.logg = t.logg + out.loggBias + zLogg * out.loggErr;
        out.fehErr = ErrorLaw.FEH.sigma(t.snr);
        out.feh = t.feh + out.fehBias + zFeh * out.fehErr + zFehExtra * out.fehExtraSigma;
        out.alphaMErr = ErrorLaw.ALPHA_M.sigma(t.snr);
        out.alphaM = t.alphaM + zAlpha * out.alphaMErr + zAlphaExtra * out.alphaExtraSigma;
    }
}
