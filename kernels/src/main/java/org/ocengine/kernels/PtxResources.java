package org.ocengine.kernels;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The PTX the build put into the jar ({@code org/ocengine/kernels/ptx/}, written by
 * {@code src/main/cuda/build-ptx.sh}): one file per kernel source per target, and a manifest
 * saying what was built, by which nvcc and with which flags, or why nothing was. Immutable.
 *
 * @param available   whether PTX is present
 * @param reason      when not, why (one line)
 * @param targets     the targets built, newest first (e.g. sm_90, compute_75)
 * @param modules     the kernel sources (e.g. sky_match)
 * @param compiler    the nvcc release line
 * @param flags       the nvcc flags
 */
record PtxResources(boolean available, String reason, List<String> targets, List<String> modules, String compiler, String flags) {

    private static final String BASE = "/org/ocengine/kernels/ptx/";

    /** Reads the manifest from the class path. */
    static PtxResources load() {
        try (InputStream in = PtxResources.class.getResourceAsStream(BASE + "ptx.properties")) {
            if (in == null) {
                return new PtxResources(false, "no PTX manifest in the kernels jar (it was built without its generate-resources step)",
                        List.of(), List.of(), "", "");
            }
            Properties p = new Properties();
            p.load(in);
            return of(p);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the PTX manifest", e);
        }
    }

    /** The resources a manifest describes. */
    static PtxResources of(Properties p) {
        if (!"available".equals(p.getProperty("status"))) {
            return new PtxResources(false, p.getProperty("reason", "the kernels jar carries no PTX"), List.of(), List.of(), "", "");
        }
        return new PtxResources(true, "", split(p.getProperty("targets")), split(p.getProperty("modules")),
                p.getProperty("nvcc", ""), p.getProperty("flags", ""));
    }

    private static List<String> split(String list) {
        return list == null || list.isBlank() ? List.of() : Arrays.asList(list.split(","));
    }

    /**
     * The target to load on a device of the given compute capability: the newest one not above it
     * (PTX is compiled by the driver for the device, so sm_90 PTX also serves later GPUs); null when
     * every target is above it.
     */
    String targetFor(int major, int minor) {
        int cc = 10 * major + minor;
        String best = null;
        int bestCc = -1;
        for (String t : targets) {
            int tcc = Integer.parseInt(t.substring(t.indexOf('_') + 1));
            if (tcc <= cc && tcc > bestCc) {
                best = t;
                bestCc = tcc;
            }
        }
        return best;
    }

    /** The PTX text of one module for one target, NUL-terminated (as cuModuleLoadData wants it). */
    byte[] ptx(String target, String module) {
        String path = BASE + target + "/" + module + ".ptx";
        try (InputStream in = PtxResources.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing PTX resource " + path);
            }
            byte[] text = in.readAllBytes();
            return Arrays.copyOf(text, text.length + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path, e);
        }
    }

    /** One line for {@code ocengine device}. */
    String summary() {
        return available ? "PTX " + String.join(", ", targets) + " for " + modules.size() + " kernel sources (nvcc " + compiler + ", " + flags + ")"
                : "no PTX: " + reason;
    }
}
