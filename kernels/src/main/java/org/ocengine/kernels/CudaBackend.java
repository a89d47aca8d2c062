package org.ocengine.kernels;

import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.ocengine.compute.ComputeBackend;
import org.ocengine.compute.GroupStatistics;
import org.ocengine.compute.GravityField;
import org.ocengine.compute.GroupedSamples;
import org.ocengine.compute.MatchPairs;
import org.ocengine.compute.MonteCarloSpec;
import org.ocengine.compute.OrbitSpec;
import org.ocengine.compute.OrbitSummaries;
import org.ocengine.compute.PhaseSpace;
import org.ocengine.compute.SkyPositions;
import org.ocengine.fit.FitBatch;
import org.ocengine.fit.FitResults;
import org.ocengine.fit.SamplerSettings;
import org.ocengine.random.Ziggurat;

/**
 * The CUDA backend: the sky match ({@link GpuSkyMatch}), the grouped Monte-Carlo
 * ({@link GpuMonteCarlo}) and batched ensemble MCMC with the stretch move ({@link GpuEnsembleFits})
 * on a {@link KernelDevice}, with the CPU backend's results (identical pair sets and separations;
 * identical Monte-Carlo statistics; the same chains, so identical percentiles, and autocorrelation
 * times equal to rounding). Sampler settings the kernel does not take (other moves, or several)
 * run the reference sampler on the JVM's common pool, as the interface's default does. Orbits
 * ({@link GpuOrbits}): every integrator in the galaxy package's potentials, one orbit per thread,
 * equal to the CPU's to rounding (DOP853's turning points to its interpolation); a field the kernel
 * does not know runs the CPU reference as the interface's default does.
 *
 * <p>Failures on the device ({@link DeviceFailure}: out of memory, a failed kernel) propagate as an
 * {@link IllegalStateException} naming the operation, unless the backend was opened for
 * {@code --device auto}: then it says why in one line, runs the call on the CPU, and stays on the
 * CPU for the rest of the run (after a failed kernel the device's context cannot be trusted). Bad
 * input (a declination outside [-90, 90]) is an {@link IllegalArgumentException} either way.
 *
 * <p>Thread-safe: calls are serialised (one device, one context). Owns the device until
 * {@link #close()}.
 */
public final class CudaBackend implements ComputeBackend {

    private final KernelDevice device;
    private final Kernels kernels;
    private final DeviceBuffer[] zigguratBuffers;
    private final Kernels.ZigguratTables ziggurat;
    private final Supplier<ComputeBackend> cpuFallback;
    private final Consumer<String> notes;
    private ComputeBackend cpu;

    /**
     * @param device      the device, owned from now on
     * @param cpuFallback supplies a CPU backend for calls that fail on the device, or null to let failures propagate
     * @param notes       receives the one-line note when the backend falls back
     */
    public CudaBackend(KernelDevice device, Supplier<ComputeBackend> cpuFallback, Consumer<String> notes) {
        this.device = device;
        this.kernels = new Kernels(device);
        this.cpuFallback = cpuFallback;
        this.notes = notes;
        long[] k = Ziggurat.layerThresholds();
        double[] w = Ziggurat.layerWidths();
        double[] f = Ziggurat.layerDensities();
        zigguratBuffers = new DeviceBuffer[3];
        try {
            zigguratBuffers[0] = device.allocate(8L * k.length);
            zigguratBuffers[1] = device.allocate(8L * w.length);
            zigguratBuffers[2] = device.allocate(8L * f.length);
            device.upload(k, zigguratBuffers[0], 0);
            device.upload(w, zigguratBuffers[1], 0);
            device.upload(f, zigguratBuffers[2], 0);
        } catch (RuntimeException e) {
            freeTables();
            device.close();
            throw e;
        }
        this.ziggurat = new Kernels.ZigguratTables(zigguratBuffers[0], zigguratBuffers[1], zigguratBuffers[2]);
    }

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public synchronized String description() {
        return cpu == null ? "CUDA, " + device.description() : "CPU after a CUDA failure (" + cpu.description() + ")";
    }

    /**
     * The GPU's facts and copy bandwidths, for the device benchmark ({@link DeviceBenchmark}).
     *
     * @param copyBytes size of each bandwidth test copy
     * @throws UnsupportedOperationException when the device is not a CUDA GPU
     */
    public synchronized DeviceBenchmark.Hardware hardware(long copyBytes) {
        if (!(device instanceof CudaDevice cuda)) {
            throw new UnsupportedOperationException("not a CUDA device: " + device.description());
        }
        CudaDevice.Info info = cuda.info();
        return new DeviceBenchmark.Hardware(info.describe(), info.multiprocessors(), info.clockKhz() * 1e3, cuda.measureBandwidth(copyBytes));
    }

    /** The device's kernels, for {@link ParityCheck}. */
    Kernels kernels() {
        return kernels;
    }

    /** The ziggurat tables on the device, for {@link ParityCheck}. */
    Kernels.ZigguratTables ziggurat() {
        return ziggurat;
    }

    @Override
    public synchronized MatchPairs skyMatch(SkyPositions a, SkyPositions b, double radiusArcsec) {
        if (cpu != null) {
            return cpu.skyMatch(a, b, radiusArcsec);
        }
        try {
            return new GpuSkyMatch(kernels).match(a, b, radiusArcsec);
        } catch (DeviceFailure e) {
            return fallBack("sky match", e).skyMatch(a, b, radiusArcsec);
        }
    }

    @Override
    public synchronized GroupStatistics groupedMonteCarlo(GroupedSamples samples, MonteCarloSpec spec) {
        if (cpu != null) {
            return cpu.groupedMonteCarlo(samples, spec);
        }
        try {
            return new GpuMonteCarlo(kernels, ziggurat).run(samples, spec);
        } catch (DeviceFailure e) {
            return fallBack("grouped Monte-Carlo", e).groupedMonteCarlo(samples, spec);
        }
    }

    @Override
    public synchronized FitResults sampleEnsembles(FitBatch batch, SamplerSettings settings, IntConsumer fitDone) {
        if (cpu != null) {
            return cpu.sampleEnsembles(batch, settings, fitDone);
        }
        if (!GpuEnsembleFits.supports(settings)) {
            return ComputeBackend.super.sampleEnsembles(batch, settings, fitDone);
        }
        try {
            return new GpuEnsembleFits(kernels, ziggurat).run(batch, settings, fitDone);
        } catch (DeviceFailure e) {
            return fallBack("ensemble sampling", e).sampleEnsembles(batch, settings, fitDone);
        }
    }

    @Override
    public synchronized OrbitSummaries integrateOrbits(GravityField field, PhaseSpace starts, OrbitSpec spec) {
        if (cpu != null) {
            return cpu.integrateOrbits(field, starts, spec);
        }
        if (!GpuOrbits.supports(field)) {
            return ComputeBackend.super.integrateOrbits(field, starts, spec);
        }
        try {
            return new GpuOrbits(kernels).run(field, starts, spec);
        } catch (DeviceFailure e) {
            return fallBack("orbit integration", e).integrateOrbits(field, starts, spec);
        }
    }

    private ComputeBackend fallBack(String operation, DeviceFailure e) {
        if (cpuFallback == null) {
            throw new IllegalStateException("CUDA " + operation + " failed: " + e.getMessage(), e);
        }
        notes.accept("device auto: the " + operation + " and everything after it runs on the CPU (" + e.getMessage() + ")");
        cpu = cpuFallback.get();
        return cpu;
    }

    private void freeTables() {
        for (DeviceBuffer b : zigguratBuffers) {
            if (b != null) {
                b.close();
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            freeTables();
        } catch (DeviceFailure ignored) {
            // the device is closed next in any case
        }
        device.close();
        if (cpu != null) {
            cpu.close();
        }
    }
}
