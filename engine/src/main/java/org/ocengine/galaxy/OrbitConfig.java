package org.ocengine.galaxy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ocengine.compute.OrbitIntegrator;
import org.ocengine.compute.OrbitSpec;

/**
 * How the kinematics and orbit stage runs (SPEC.md 6). Immutable.
 *
 * @param model        the Milky Way potential
 * @param sun          the solar parameters of the frames
 * @param integrator   the orbit integrator (default DOP853: adaptive, about ten times fewer force evaluations
 *                     than the symplectic schemes at the same accuracy)
 * @param stepMyr      step of the symplectic integrators, Myr
 * @param tolerance    DOP853's tolerance
 * @param lookbackMyr  how far back orbits are integrated, Myr (default 500: back to Sgr's last passage, Fu et al. 2022)
 * @param snapshotMyr  spacing of the R_GC / Z snapshots, Myr (default 100)
 * @param draws        Monte-Carlo realisations per object for the uncertainties (0: none)
 * @param seed         seed of the counter-based draws
 * @param rvError      which RV uncertainty the Monte-Carlo uses when the cluster catalogue gives both
 */
public record OrbitConfig(GalaxyModel model, SolarParameters sun, OrbitIntegrator integrator, double stepMyr,
                          double tolerance, double lookbackMyr, double snapshotMyr, int draws, long seed, RvError rvError) {

    /** The RV uncertainty of a cluster row. */
    public enum RvError {
        /** The uncertainty of the cluster RV (the catalogue's rv_median_err). */
        CLUSTER_RV,
        /** The RV dispersion of the members, as Fu et al. (2022) did ("the scatter of clusters' Vrad"). */
        DISPERSION
    }

    public OrbitConfig {
        if (model == null || sun == null || integrator == null || rvError == null) {
            throw new IllegalArgumentException("orbit configuration is incomplete");
        }
        if (!(lookbackMyr > 0) || !(snapshotMyr > 0) || snapshotMyr > lookbackMyr) {
            throw new IllegalArgumentException("look-back time and snapshot spacing must be positive, the spacing at most the look-back");
        }
        if (draws < 0) {
            throw new IllegalArgumentException("Monte-Carlo draws must be >= 0, got " + draws);
        }
        // checks step and tolerance
        new OrbitSpec(integrator, -lookbackMyr, stepMyr, tolerance, new double[0]);
    }

    /** SPEC.md 6 defaults: McMillan (2017), DOP853, 500 Myr back, snapshots every 100 Myr, 100 draws. */
    public static OrbitConfig defaults(long seed) {
        return new OrbitConfig(GalaxyModel.MCMILLAN17, SolarParameters.defaults(), OrbitIntegrator.DOP853,
                OrbitSpec.DEFAULT_STEP_MYR, OrbitSpec.DEFAULT_TOLERANCE, 500, 100, 100, seed, RvError.CLUSTER_RV);
    }

    public OrbitConfig withModel(GalaxyModel m) {
        return new OrbitConfig(m, sun, integrator, stepMyr, tolerance, lookbackMyr, snapshotMyr, draws, seed, rvError);
    }

    public OrbitConfig withDraws(int n) {
        return new OrbitConfig(model, sun, integrator, stepMyr, tolerance, lookbackMyr, snapshotMyr, n, seed, rvError);
    }

    /** The look-back snapshot times, 0, -100, ..., -500 Myr by default. */
    public double[] snapshotTimes() {
        int n = (int) Math.floor(lookbackMyr / snapshotMyr + 1e-9) + 1;
        double[] t = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = -k * snapshotMyr;
        }
        return t;
    }

    /** The integration each orbit gets. */
    public OrbitSpec spec() {
        return new OrbitSpec(integrator, -lookbackMyr, stepMyr, tolerance, snapshotTimes());
    }

    /** The configuration as plain values, for manifests. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("potential", model.label());
        m.put("r0_kpc", sun.distanceKpc());
        m.put("z_sun_kpc", sun.zSunKpc());
        m.put("v_circ_sun_kms", sun.circularSpeed());
        m.put("uvw_sun_kms", java.util.List.of(sun.uSun(), sun.vSun(), sun.wSun()));
        m.put("integrator", integrator.label());
        m.put("step_myr", stepMyr);
        m.put("tolerance", tolerance);
        m.put("lookback_myr", lookbackMyr);
        m.put("snapshot_myr", snapshotMyr);
        m.put("orbit_draws", draws);
        m.put("rv_error", rvError.name().toLowerCase(java.util.Locale.ROOT));
        return m;
    }
}
