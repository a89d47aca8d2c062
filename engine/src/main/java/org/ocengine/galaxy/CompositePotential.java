package org.ocengine.galaxy;

import java.util.List;

/** The sum of potentials (and so of their densities). Immutable and thread-safe. */
public final class CompositePotential implements Potential {

    private final String name;
    private final Potential[] parts;

    public CompositePotential(String name, List<? extends Potential> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a composite potential needs at least one component");
        }
        this.name = name;
        this.parts = parts.toArray(new Potential[0]);
    }

    /** The components, in the order they were given. */
    public List<Potential> components() {
        return List.of(parts);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double potential(double cylR, double z) {
        double sum = 0;
        for (Potential p : parts) {
            sum += p.potential(cylR, z);
        }
        return sum;
    }

    @Override
    public void addForces(double cylR, double z, double[] acc) {
        for (Potential p : parts) {
            p.addForces(cylR, z, acc);
        }
    }

    @Override
    public double density(double cylR, double z) {
        double sum = 0;
        for (Potential p : parts) {
            sum += p.density(cylR, z);
        }
        return sum;
    }
}
