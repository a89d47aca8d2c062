package org.ocengine.combine;

/** How repeated measurements of one star are weighted (SPEC.md 4, eq. 1). */
public enum Weighting {
    /** w_k = (S/N_k)^2, the time-domain papers' choice (falls back to 1/err^2 where S/N is missing). */
    SNR_SQUARED,
    /** w_k = 1 / err_k^2. */
    INVERSE_VARIANCE
}
