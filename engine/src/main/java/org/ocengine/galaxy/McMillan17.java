package org.ocengine.galaxy;

import java.util.ArrayList;
import java.util.List;

/**
 * The Milky Way potential of McMillan (2017, MNRAS 465, 76), the one Fu et al. (2022) used through
 * GalPot: two stellar discs, two gas discs with central holes, a flattened bulge with a cut-off and
 * an NFW halo, with the parameters of SPEC.md 6 to the digits of the paper's best-fit model as
 * GalPot ships it ({@code pot/PJM17_best.Tpot}): SPEC.md 6 and galpy's {@code McMillan17} round them
 * (896 for 895.679 Msun/pc^2, 2.5 for 2.49955 kpc, 98.4 for 98.351 Msun/pc^3, 19.6 for 19.5725 kpc,
 * ...), which moves v_c(8.21 kpc) from the published 233.1 km/s to 233.2.
 *
 * <p>Computed as GalPot computes it (Dehnen &amp; Binney 1998): each disc's analytic part
 * ({@link DiscAnsatz}), plus one {@link MultipoleExpansion} of the discs' residual densities and the
 * bulge, precomputed once into tables; the NFW halo is analytic (GalPot expands it too). Units of
 * {@link Units}, with G from there.
 */
public final class McMillan17 {

    /**
     * The model's parameters. Densities in Msun / kpc^3 and surface densities in Msun / kpc^2, lengths
     * in kpc.
     *
     * @param discs      the discs (SPEC.md 6: thin, thick, HI, H2)
     * @param bulge      the bulge
     * @param haloRho0   NFW density scale
     * @param haloRs     NFW scale radius
     * @param multipole  resolution of the multipole expansion
     */
    public record Parameters(List<DiscProfile> discs, SpheroidProfile bulge, double haloRho0, double haloRs,
                             MultipoleExpansion.Grid multipole) {
        public Parameters {
            discs = List.copyOf(discs);
            if (!(haloRho0 > 0) || !(haloRs > 0)) {
                throw new IllegalArgumentException("the halo needs rho0 > 0 and rs > 0");
            }
        }
    }

    /**
     * The resolution used by default: 1e-4 to 1e3 kpc (GalPot's range) in 120 logarithmic steps, l up to 64.
     * {@code McMillan17Test} holds potential and forces within 1e-4 of a direct integration over the
     * density with it.
     */
    public static final MultipoleExpansion.Grid DEFAULT_GRID = new MultipoleExpansion.Grid(1e-4, 1e3, 121, 64);

    private McMillan17() {
    }

    /** SPEC.md 6: the McMillan (2017) best-fit model (Msun / kpc^2, Msun / kpc^3, kpc). */
    public static Parameters defaults() {
        List<DiscProfile> discs = List.of(
                new DiscProfile(8.95679e8, 2.49955, 0.3, 0, DiscProfile.Vertical.EXPONENTIAL),
                new DiscProfile(1.83444e8, 3.02134, 0.9, 0, DiscProfile.Vertical.EXPONENTIAL),
                new DiscProfile(5.31319e7, 7, 0.085, 4, DiscProfile.Vertical.SECH2),
                new DiscProfile(2.17995e9, 1.5, 0.045, 12, DiscProfile.Vertical.SECH2));
        SpheroidProfile bulge = new SpheroidProfile(9.8351e10, 0.5, 0, 1.8, 0.075, 2.1);
        return new Parameters(discs, bulge, 8.53702e6, 19.5725, DEFAULT_GRID);
    }

    /** The potential of the default model, built once per JVM (about a second) and shared. */
    public static CompositePotential standard() {
        return Standard.INSTANCE;
    }

    private static final class Standard {
        static final CompositePotential INSTANCE = create(defaults());
    }

    /** Builds the potential of a model (immutable, thread-safe). */
    public static CompositePotential create(Parameters p) {
        List<DiscAnsatz> ansatz = new ArrayList<>();
        for (DiscProfile d : p.discs()) {
            ansatz.add(new DiscAnsatz(d));
        }
        SpheroidProfile bulge = p.bulge();
        MultipoleExpansion multipole = new MultipoleExpansion("bulge and disc residuals", (cylR, z) -> {
            double rho = bulge.density(cylR, z);
            for (DiscAnsatz a : ansatz) {
                rho += a.residualDensity(cylR, z);
            }
            return rho;
        }, p.multipole());
        List<Potential> parts = new ArrayList<>(ansatz);
        parts.add(multipole);
        parts.add(NfwHalo.ofDensity(p.haloRho0(), p.haloRs()));
        return new CompositePotential("McMillan17", parts);
    }
}
