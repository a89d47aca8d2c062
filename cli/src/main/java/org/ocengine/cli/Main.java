package org.ocengine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.ocengine.compute.BackendUnavailableException;
import org.ocengine.table.DataException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ocengine} command. Every subcommand reports bad input in one line naming the file,
 * column and row, and exits with a code from {@link ExitCodes}.
 */
@Command(name = "ocengine",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Open-cluster catalogues from large spectroscopic surveys: cross-match LAMOST spectra with Gaia cluster members, combine repeated measurements, and derive each cluster's radial velocity and [Fe/H] by Monte-Carlo sampling with member quality flags (Fu et al. 2022), on the CPU or a GPU."},
        subcommands = {RunCommand.class, XmatchCommand.class, BenchCommand.class, DeviceCommand.class, CheckCommand.class,
                StarsCommand.class, CompareCommand.class,
                GenerateCommand.class, DemoCommand.class, GradientsCommand.class, ReportCommand.class, OrbitsCommand.class,
                CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  success",
            "  1  ocengine check: the GPU and the CPU disagree",
            "  2  wrong usage (unknown option, missing argument)",
            " 65  bad input data (message names file, column and row)",
            " 66  an input file does not exist or cannot be read",
            " 69  the requested device (--device cuda) is not available",
            " 70  internal error (please report it, with --debug output)",
            " 74  an output could not be written",
            "",
            "Run 'ocengine help COMMAND' for a command's options."})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        // library warnings (java.util.logging) print as one plain line, like the command's own notes
        System.setProperty("java.util.logging.SimpleFormatter.format", "ocengine: %5$s%n");
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit code (for tests and embedding). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        CommandLine cl = new CommandLine(new Main());
        cl.setUsageHelpAutoWidth(true);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            int code = ExitCodes.of(e);
            err.println("ocengine: " + message(e));
            if (debug || code == ExitCodes.SOFTWARE) {
                e.printStackTrace(err);
            }
            err.flush();
            return code;
        });
        return cl.execute(args);
    }

    private static String message(Exception e) {
        if (e instanceof NoSuchFileException n) {
            return "no such file: " + n.getFile();
        }
        if (e instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** The process exit codes (BSD sysexits where one fits). */
    static final class ExitCodes {
        static final int OK = 0;
        static final int USAGE = 2;
        static final int DATA = 65;
        static final int NO_INPUT = 66;
        static final int UNAVAILABLE = 69;
        static final int SOFTWARE = 70;
        static final int IO = 74;

        private ExitCodes() {
        }

        static int of(Exception e) {
            if (e instanceof DataException) {
                return DATA;
            }
            if (e instanceof NoSuchFileException || e instanceof AccessDeniedException) {
                return NO_INPUT;
            }
            if (e instanceof BackendUnavailableException) {
                return UNAVAILABLE;
            }
            if (e instanceof IOException || e instanceof java.io.UncheckedIOException) {
                return IO;
            }
            if (e instanceof IllegalArgumentException) {
                return USAGE;
            }
            return SOFTWARE;
        }
    }
}
