package org.ocengine.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.ocengine.compute.BackendUnavailableException;
import org.ocengine.kernels.DeviceReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code ocengine device}: the GPU the CUDA backend would use, or why there is none. */
@Command(name = "device",
        header = "Show the GPU the CUDA backend would use, or why there is none.",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the PTX this build carries, every GPU the NVIDIA driver sees (name, compute capability, multiprocessors, "
                    + "memory, driver version), and whether the CUDA backend opens on GPU 0 (or the one set with "
                    + "-Docengine.cuda.device=N): its PTX loaded and its kernels checked. Exits with 69 and the reason when it "
                    + "does not (no driver, no GPU, no PTX, a driver too old for the PTX)."})
final class DeviceCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws BackendUnavailableException {
        PrintWriter out = spec.commandLine().getOut();
        DeviceReport report = DeviceReport.probe();
        report.lines().forEach(out::println);
        out.flush();
        if (!report.usable()) {
            throw new BackendUnavailableException("no usable GPU: " + report.reason());
        }
        return 0;
    }
}
