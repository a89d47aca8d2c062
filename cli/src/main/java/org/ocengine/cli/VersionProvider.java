package org.ocengine.cli;

import org.ocengine.Versions;
import picocli.CommandLine;

/** Version lines for {@code --version}: ocengine's own, the JVM's and the main libraries'. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            "ocengine " + Versions.of("ocengine"),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")",
            "Apache Arrow " + Versions.of("arrow") + ", nom-tam-fits " + Versions.of("nom-tam-fits")
        };
    }
}
