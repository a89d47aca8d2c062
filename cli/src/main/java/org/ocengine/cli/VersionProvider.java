package org.ocengine.cli;

import picocli.CommandLine;

/** Version lines for {@code --version}: ocengine's own (from the jar manifest), the JVM and Arrow. */
final class VersionProvider implements CommandLine.IVersionProvider {

    /** ocengine's version as packaged, or "dev" when run from classes. */
    static String ocengineVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "ocengine " + ocengineVersion(),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")",
            "Apache Arrow " + org.apache.arrow.vector.VectorSchemaRoot.class.getPackage().getImplementationVersion()
        };
    }
}
