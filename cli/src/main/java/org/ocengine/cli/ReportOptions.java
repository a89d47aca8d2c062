package org.ocengine.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** How much a command prints ({@code --quiet}, {@code --debug}), shared by the commands. */
final class ReportOptions {

    @Option(names = "--quiet", description = "Print only errors.")
    boolean quiet;

    @Option(names = "--debug", description = "Print stack traces with errors.")
    boolean debug;

    /** Prints a one-line note on standard error unless quiet. */
    void note(PrintWriter err, String line) {
        if (!quiet) {
            err.println("ocengine: " + line);
        }
    }
}
