package org.ocengine.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ocengine.fit.FitModel;
import org.ocengine.fit.Prior;
import org.ocengine.table.DataException;

/** Sweep specifications: defaults, expansion, files, flags over files, and every kind of bad input. */
class SweepSpecTest {

    @Test
    void theDefaultIsOneQuadraticOfFehAgainstRgc() {
        List<FitSelection> fits = SweepSpec.defaults().expand();
        assertEquals(1, fits.size());
        FitSelection f = fits.get(0);
        assertEquals(FitModel.quadratic(false), f.model());
        assertEquals("r_gc", f.variable().name());
        assertEquals("feh", f.quantity());
        assertTrue(f.ageBin().isAll());
        assertEquals(3, f.minFlag12());
        assertEquals("quadratic feh~r_gc age=all n12>=3", f.label());
    }

    @Test
    void everyCombinationIsOneFitWithADistinctLabel() {
        SweepSpec s = SweepSpec.parse(Map.of("model", List.of("linear, broken, quadratic"), "knee", List.of("11.5, 13, fit"),
                "variable", List.of("r_gc, l_z"), "age_bins", List.of("fu2022"), "min_flag12", List.of("3, 5"),
                "scatter", List.of("no, yes"), "prior", List.of("default", "slope=uniform(-1,0); a=normal(0,0.01)"),
                "range", List.of("r_gc:5-18")));
        // per variable, age bin, flag-12 minimum and scatter choice: the line and the quadratic under
        // both prior sets, the three broken lines once (the second set names none of their parameters)
        List<FitSelection> fits = s.expand();
        assertEquals(2 * 6 * 2 * 2 * (2 + 3 + 2), fits.size());
        Set<String> labels = new HashSet<>();
        for (FitSelection f : fits) {
            assertTrue(labels.add(f.label()), "duplicate label " + f.label());
        }
        FitSelection lin = fits.stream().filter(f -> f.model().shape() == FitModel.Shape.LINEAR && !f.priors().isEmpty()
                && f.variable().name().equals("r_gc")).findFirst().orElseThrow();
        assertEquals(Map.of("slope", Prior.uniform(-1, 0)), lin.priors(), "a prior set applies where the model has the parameter");
        assertEquals(5, lin.xMin());
        assertEquals(18, lin.xMax());
        FitSelection lz = fits.stream().filter(f -> f.variable().name().equals("l_z")).findFirst().orElseThrow();
        assertTrue(!lz.hasRange(), "the range is r_gc's only");
        assertTrue(fits.stream().anyMatch(f -> f.model().kneeFitted()));
    }

    @Test
    void ageBinsParseWithPresetsAndOpenEnds() {
        assertEquals(List.of(new AgeBin(0, 0.1), new AgeBin(0.1, 0.5), new AgeBin(0.5, 1), new AgeBin(1, 2), new AgeBin(2, 4),
                new AgeBin(4, Double.POSITIVE_INFINITY)), AgeBin.parseList("fu2022"));
        assertEquals(List.of(new AgeBin(0, 0.1), new AgeBin(0.1, 0.5), new AgeBin(0.5, 1), new AgeBin(1, Double.POSITIVE_INFINITY),
                AgeBin.all()), AgeBin.parseList("thesis, all, 0-0.1"));
        assertEquals(List.of(new AgeBin(0, 2), new AgeBin(2, Double.POSITIVE_INFINITY)), AgeBin.parseList("-2, 2-"));
        assertTrue(new AgeBin(0.1, 0.5).contains(0.1));
        assertTrue(!new AgeBin(0.1, 0.5).contains(0.5));
        assertTrue(!new AgeBin(0.1, 0.5).contains(Double.NaN));
        assertTrue(AgeBin.all().contains(Double.NaN));
    }

    @Test
    void variablesParseWithSnapshots() {
        GradientVariable v = GradientVariable.parse("R_GC@200");
        assertEquals("r_gc@200", v.name());
        assertTrue(v.candidates().containsAll(List.of("r_gc_200", "r_gc_200myr", "r_gc_lb200", "rgc_t200")));
        assertEquals(1e-3, GradientVariable.parse("l_z").scale());
        assertEquals(1e-3, GradientVariable.parse("r_gc").conversion("pc"));
        assertTrue(Double.isNaN(GradientVariable.parse("r_gc").conversion("km")));
        assertEquals(1.0, GradientVariable.parse("energy").conversion("km2/s2"));
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        assertThrows(IllegalArgumentException.class, () -> SweepSpec.parse(Map.of("model", List.of("cubic"))));
        assertThrows(IllegalArgumentException.class, () -> SweepSpec.parse(Map.of("variable", List.of("r_gc@"))));
        assertThrows(IllegalArgumentException.class, () -> SweepSpec.parse(Map.of("quantity", List.of("xx_fe"))));
        assertThrows(IllegalArgumentException.class, () -> SweepSpec.parse(Map.of("min_flag12", List.of("-1"))));
        assertThrows(IllegalArgumentException.class, () -> SweepSpec.parse(Map.of("scatter", List.of("maybe"))));
        assertThrows(IllegalArgumentException.class, () -> SweepSpec.parse(Map.of("range", List.of("r_gc:18-5"))));
        assertThrows(IllegalArgumentException.class, () -> SweepSpec.parse(Map.of("range", List.of("l_z:1-2"))), "range of a variable not fitted");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SweepSpec.parse(Map.of("model", List.of("quadratic"), "prior", List.of("slope=uniform(-1,0)"))));
        assertTrue(e.getMessage().contains("slope"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SweepSpec.parse(Map.of("prior", List.of("a=wide(1)"))));
        assertThrows(IllegalArgumentException.class, () -> SweepSpec.parse(Map.of("age_bins", List.of("old"))));
        assertThrows(IllegalArgumentException.class, () -> GradientConfig.parse(Map.of("steps", List.of("100"), "discard", List.of("100")), 1));
        assertThrows(IllegalArgumentException.class, () -> GradientConfig.parse(Map.of("walkers", List.of("10, 20")), 1));
        assertThrows(IllegalArgumentException.class, () -> GradientConfig.parse(Map.of("colour", List.of("red")), 1));
    }

    @Test
    void aSweepFileIsReadAndFlagsOverrideIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sweep.txt");
        Files.writeString(file, """
                # Fu et al. 2022, Table 6
                model = quadratic
                variable = r_gc, l_z, energy
                age-bins = fu2022
                steps = 5000       # a shorter chain
                prior = default
                prior = a=normal(0,0.01)
                map = r_gc=RGC[pc]
                """);
        Map<String, List<String>> values = GradientConfig.readSweepFile(file);
        assertEquals(List.of("default", "a=normal(0,0.01)"), values.get("prior"));
        GradientConfig c = GradientConfig.parse(GradientConfig.merge(values, Map.of("variable", List.of("r_gc"))), 7);
        assertEquals(6 * 2, c.fits().size());
        assertEquals(5000, c.sampler().steps());
        assertEquals(1000, c.sampler().discard(), "discard defaults to a fifth of the steps");
        assertEquals(7, c.sampler().seed());
        assertEquals("RGC[pc]", c.columns().get("r_gc"));
        Files.writeString(file, "model = linear\nthis is not a setting\n");
        DataException e = assertThrows(DataException.class, () -> GradientConfig.readSweepFile(file));
        assertTrue(e.getMessage().contains("row 2"), e.getMessage());
        Files.writeString(file, "modle = linear\n");
        assertThrows(DataException.class, () -> GradientConfig.readSweepFile(file));
    }

    @Test
    void thePapersFitsAreTable6AndTheThesisLines() {
        GradientConfig paper = GradientConfig.paper(1);
        List<FitSelection> fits = paper.fits();
        assertEquals(8 * 6 + 2 + 1, fits.size());
        assertEquals(300, paper.sampler().walkers());
        assertEquals(10_000, paper.sampler().steps());
        assertTrue(fits.stream().anyMatch(f -> f.label().equals("broken(knee=11.5) feh~r_gc age=all n12>=3 range=5-18")));
        assertTrue(fits.stream().anyMatch(f -> f.label().equals("quadratic feh~energy age=4- n12>=3")));
    }
}
