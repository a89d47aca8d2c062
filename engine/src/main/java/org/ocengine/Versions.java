package org.ocengine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The versions ocengine was built with (its own, Arrow's, nom-tam-fits', JCuda's), recorded at build
 * time so that they survive shading into one jar. Immutable; thread-safe.
 */
public final class Versions {

    private static final Properties VERSIONS = load();

    private Versions() {
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("versions.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** The version of a component ({@code ocengine}, {@code arrow}, {@code nom-tam-fits}, {@code jcuda}), or "unknown". */
    public static String of(String component) {
        return VERSIONS.getProperty(component, "unknown");
    }
}
