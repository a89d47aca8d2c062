package org.ocengine.cli;

import java.io.PrintWriter;
import org.ocengine.compute.BackendUnavailableException;
import org.ocengine.compute.ComputeBackend;
import org.ocengine.compute.Device;
import picocli.CommandLine.Option;

/** The options that choose a compute backend ({@code --device}, {@code --threads}), shared by the commands. */
final class BackendOptions {

    @Option(names = "--device", defaultValue = "auto", paramLabel = "auto|cpu|cuda",
            description = "Compute backend; auto uses a GPU when one is usable, else the CPU (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N", description = "CPU threads (0: all cores).")
    int threads;

    /** Opens the chosen backend; notes (such as why auto fell back to the CPU) go to {@code notes}. */
    ComputeBackend open(ReportOptions report, PrintWriter err) throws BackendUnavailableException {
        return Device.parse(device).open(threads, line -> report.note(err, line));
    }

    Device parsed() {
        return Device.parse(device);
    }
}
