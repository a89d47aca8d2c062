package org.ocengine.io;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real catalogues in {@code shared/data}, found through the {@code ocengine.shared.data} property surefire sets. */
public final class SharedData {

    private SharedData() {
    }

    /** A file under the shared data folder; skips the calling test, saying why, when the folder or file is absent. */
    public static Path file(String relative) {
        String root = System.getProperty("ocengine.shared.data");
        assumeTrue(root != null && Files.isDirectory(Path.of(root)),
                "shared data folder not found (system property ocengine.shared.data = " + root + "); test skipped");
        Path path = Path.of(root, relative);
        assumeTrue(Files.isRegularFile(path), "shared data file " + path + " not found; test skipped");
        return path;
    }
}
