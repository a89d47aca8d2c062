package org.ocengine.kernels;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRelease;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuDeviceTotalMem;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuFuncSetAttribute;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemAllocHost;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemFreeHost;
import static jcuda.driver.JCudaDriver.cuMemGetInfo;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoD;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuMemsetD32;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuModuleUnload;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUfunction_attribute;
import jcuda.driver.CUmodule;
import org.ocengine.compute.BackendUnavailableException;

/**
 * A CUDA GPU through JCuda's driver API: the device's primary context, the kernel modules loaded
 * from the jar's PTX with {@code cuModuleLoadData}, and device memory as {@link DeviceBuffer}
 * owners. Every driver call runs with JCuda's exceptions enabled and is turned into a
 * {@link DeviceFailure} naming what failed; every launch is followed by a synchronisation, so a
 * failing kernel is reported as itself. Methods bind the context to the calling thread first, so the
 * device may be used from any thread, one at a time (the backend serialises its calls).
 * {@link #close()} unloads the modules and releases the context.
 */
public final class CudaDevice implements KernelDevice {

    /** Threads per block of every launch. */
    static final int BLOCK = 256;

    /**
     * What was found on one GPU.
     *
     * @param ordinal         device number
     * @param name            the GPU's name
     * @param major           compute capability, major
     * @param minor           compute capability, minor
     * @param multiprocessors streaming multiprocessors
     * @param totalBytes      device memory
     * @param driverVersion   the driver's CUDA version as cuDriverGetVersion gives it (13000 = 13.0)
     * @param clockKhz        the multiprocessors' peak clock, kHz
     */
    public record Info(int ordinal, String name, int major, int minor, int multiprocessors, long totalBytes, int driverVersion,
                       int clockKhz) {

        /** One line: name, compute capability, multiprocessors, memory, driver. */
        public String describe() {
            return String.format(Locale.ROOT, "GPU %d: %s, compute capability %d.%d, %d multiprocessors, %.1f GiB, driver CUDA %d.%d",
                    ordinal, name, major, minor, multiprocessors, totalBytes / 1073741824.0, driverVersion / 1000, driverVersion % 1000 / 10);
        }
    }

    private final CUdevice device;
    private final CUcontext context;
    private final List<CUmodule> modules;
    private final Map<String, CUfunction> functions = new HashMap<>();
    private final Info info;
    private final String target;
    private final PtxResources ptx;
    private long allocated;
    private long cap = Long.MAX_VALUE;
    private boolean closed;

    private CudaDevice(CUdevice device, CUcontext context, List<CUmodule> modules, Info info, String target, PtxResources ptx) {
        this.device = device;
        this.context = context;
        this.modules = modules;
        this.info = info;
        this.target = target;
        this.ptx = ptx;
    }

    /** The GPUs the driver sees (empty with a reason when there is no usable driver). */
    static List<Info> list() throws BackendUnavailableException {
        String failure = CudaDriver.initialise();
        if (failure != null) {
            throw new BackendUnavailableException(failure);
        }
        try {
            int[] count = new int[1];
            cuDeviceGetCount(count);
            List<Info> all = new ArrayList<>();
            for (int i = 0; i < count[0]; i++) {
                CUdevice d = new CUdevice();
                cuDeviceGet(d, i);
                all.add(info(i, d));
            }
            return all;
        } catch (CudaException e) {
            throw new BackendUnavailableException(CudaDriver.explain("listing devices", e), e);
        }
    }

    private static Info info(int ordinal, CUdevice d) {
        byte[] name = new byte[256];
        cuDeviceGetName(name, name.length, d);
        int end = 0;
        while (end < name.length && name[end] != 0) {
            end++;
        }
        long[] total = new long[1];
        cuDeviceTotalMem(total, d);
        int[] driver = new int[1];
        cuDriverGetVersion(driver);
        return new Info(ordinal, new String(name, 0, end, StandardCharsets.UTF_8).strip(),
                attribute(d, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR),
                attribute(d, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR),
                attribute(d, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT), total[0], driver[0],
                attribute(d, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_CLOCK_RATE));
    }

    private static int attribute(CUdevice d, int attribute) {
        int[] value = new int[1];
        cuDeviceGetAttribute(value, attribute, d);
        return value[0];
    }

    /**
     * Opens GPU {@code ordinal}: checks the driver, the device and the PTX, retains the primary
     * context, loads every kernel module and checks the kernels' argument layout.
     *
     * @throws BackendUnavailableException with a one-line reason
     */
    static CudaDevice open(PtxResources ptx, int ordinal) throws BackendUnavailableException {
        List<Info> devices = list();
        if (devices.isEmpty()) {
            throw new BackendUnavailableException("no CUDA-capable GPU (the driver sees none)");
        }
        if (!ptx.available()) {
            throw new BackendUnavailableException(ptx.reason());
        }
        if (ordinal >= devices.size()) {
            throw new BackendUnavailableException("no GPU " + ordinal + " (the driver sees " + devices.size() + ")");
        }
        Info info = devices.get(ordinal);
        String target = ptx.targetFor(info.major(), info.minor());
        if (target == null) {
            throw new BackendUnavailableException(info.name() + " has compute capability " + info.major() + "." + info.minor()
                    + ", below every PTX target in this jar (" + String.join(", ", ptx.targets()) + ")");
        }
        CUdevice d = new CUdevice();
        CUcontext context = new CUcontext();
        List<CUmodule> modules = new ArrayList<>();
        boolean retained = false;
        try {
            cuDeviceGet(d, ordinal);
            cuDevicePrimaryCtxRetain(context, d);
            retained = true;
            cuCtxSetCurrent(context);
            for (String m : ptx.modules()) {
                CUmodule module = new CUmodule();
                cuModuleLoadData(module, ptx.ptx(target, m));
                modules.add(module);
            }
        } catch (CudaException e) {
            release(d, modules, retained);
            throw new BackendUnavailableException(CudaDriver.explain("loading the kernels on " + info.name(), e), e);
        }
        CudaDevice opened = new CudaDevice(d, context, modules, info, target, ptx);
        String abi;
        try {
            abi = new Kernels(opened).checkAbi();
        } catch (DeviceFailure e) {
            opened.close();
            throw new BackendUnavailableException("the kernel self-check failed on " + info.name() + ": " + e.getMessage(), e);
        }
        if (abi != null) {
            opened.close();
            throw new BackendUnavailableException(abi);
        }
        return opened;
    }

    private static void release(CUdevice d, List<CUmodule> modules, boolean retained) {
        for (CUmodule m : modules) {
            try {
                cuModuleUnload(m);
            } catch (CudaException ignored) {
                // the context is being released anyway
            }
        }
        if (retained) {
            try {
                cuDevicePrimaryCtxRelease(d);
            } catch (CudaException ignored) {
                // nothing more to release
            }
        }
    }

    /** What this device is. */
    public Info info() {
        return info;
    }

    /** The PTX target loaded (e.g. sm_90). */
    public String target() {
        return target;
    }

    @Override
    public void capMemory(long bytes) {
        this.cap = bytes == Long.MAX_VALUE ? bytes : allocated + bytes;
    }

    @Override
    public String description() {
        return info.describe() + ", " + target + " PTX (nvcc " + ptx.compiler() + ")";
    }

    private void bind() {
        if (closed) {
            throw new IllegalStateException("the CUDA device is closed");
        }
        cuCtxSetCurrent(context);
    }

    private DeviceFailure failure(String what, CudaException e) {
        String name = CudaDriver.firstLine(e.getMessage());
        return new DeviceFailure(what + " failed on " + info.name() + ": " + name, name.equals("CUDA_ERROR_OUT_OF_MEMORY"), e);
    }

    /** Free memory less a reserve for the driver, within the cap. */
    @Override
    public long availableBytes() {
        try {
            bind();
            long[] free = new long[1];
            long[] total = new long[1];
            cuMemGetInfo(free, total);
            long reserve = Math.max(256L << 20, total[0] / 50);
            return Math.max(0, Math.min(free[0] - reserve, cap - allocated));
        } catch (CudaException e) {
            throw failure("reading free memory", e);
        }
    }

    /** A device pointer whose address the kernels' argument blocks can carry. */
    private static final class Address extends CUdeviceptr {
        long value() {
            return getNativePointer();
        }
    }

    private final class Buffer implements DeviceBuffer {
        private final Address pointer;
        private final long bytes;
        private boolean freed;

        Buffer(Address pointer, long bytes) {
            this.pointer = pointer;
            this.bytes = bytes;
        }

        @Override
        public long address() {
            return pointer.value();
        }

        @Override
        public long bytes() {
            return bytes;
        }

        @Override
        public void close() {
            if (freed) {
                return;
            }
            freed = true;
            allocated -= bytes;
            try {
                bind();
                cuMemFree(pointer);
            } catch (CudaException e) {
                throw failure("freeing " + bytes + " bytes", e);
            }
        }
    }

    private static Address addressOf(DeviceBuffer b) {
        return ((Buffer) b).pointer;
    }

    @Override
    public DeviceBuffer allocate(long bytes) {
        long size = Math.max(8, bytes);
        if (allocated + size > cap) {
            throw new DeviceFailure(String.format(Locale.ROOT, "allocating %.1f MiB would exceed the memory cap", size / 1048576.0), true);
        }
        try {
            bind();
            Address p = new Address();
            cuMemAlloc(p, size);
            allocated += size;
            return new Buffer(p, size);
        } catch (CudaException e) {
            throw failure(String.format(Locale.ROOT, "allocating %.1f MiB", size / 1048576.0), e);
        }
    }

    private static void checkRange(DeviceBuffer b, long offset, long bytes) {
        if (offset < 0 || bytes < 0 || offset + bytes > b.bytes()) {
            throw new IndexOutOfBoundsException("copy of " + bytes + " bytes at " + offset + " into a buffer of " + b.bytes());
        }
    }

    private void copyIn(Pointer host, DeviceBuffer dst, long dstOffset, long bytes) {
        if (bytes == 0) {
            return;
        }
        checkRange(dst, dstOffset, bytes);
        try {
            bind();
            cuMemcpyHtoD(addressOf(dst).withByteOffset(dstOffset), host, bytes);
        } catch (CudaException e) {
            throw failure("copying " + bytes + " bytes to the device", e);
        }
    }

    private void copyOut(DeviceBuffer src, long srcOffset, Pointer host, long bytes) {
        if (bytes == 0) {
            return;
        }
        checkRange(src, srcOffset, bytes);
        try {
            bind();
            cuMemcpyDtoH(host, addressOf(src).withByteOffset(srcOffset), bytes);
        } catch (CudaException e) {
            throw failure("copying " + bytes + " bytes from the device", e);
        }
    }

    /** A pointer to a buffer's remaining bytes: the address of a direct buffer, the array of a heap one. */
    private static Pointer host(ByteBuffer b) {
        if (b.isDirect()) {
            return Pointer.to(b.slice());
        }
        if (b.arrayOffset() + b.position() != 0) {
            throw new IllegalArgumentException("heap buffers must start at their array's first byte");
        }
        return Pointer.to(b.array());
    }

    @Override
    public void upload(ByteBuffer src, DeviceBuffer dst, long dstOffset) {
        copyIn(host(src), dst, dstOffset, src.remaining());
    }

    @Override
    public void download(DeviceBuffer src, long srcOffset, ByteBuffer dst) {
        copyOut(src, srcOffset, host(dst), dst.remaining());
    }

    @Override
    public void upload(int[] src, DeviceBuffer dst, long dstOffset) {
        copyIn(Pointer.to(src), dst, dstOffset, 4L * src.length);
    }

    @Override
    public void upload(long[] src, DeviceBuffer dst, long dstOffset) {
        copyIn(Pointer.to(src), dst, dstOffset, 8L * src.length);
    }

    @Override
    public void upload(double[] src, DeviceBuffer dst, long dstOffset) {
        copyIn(Pointer.to(src), dst, dstOffset, 8L * src.length);
    }

    @Override
    public void download(DeviceBuffer src, long srcOffset, int[] dst) {
        copyOut(src, srcOffset, Pointer.to(dst), 4L * dst.length);
    }

    @Override
    public void download(DeviceBuffer src, long srcOffset, long[] dst) {
        copyOut(src, srcOffset, Pointer.to(dst), 8L * dst.length);
    }

    @Override
    public void download(DeviceBuffer src, long srcOffset, double[] dst) {
        copyOut(src, srcOffset, Pointer.to(dst), 8L * dst.length);
    }

    @Override
    public void fill32(DeviceBuffer dst, long words, int value) {
        checkRange(dst, 0, 4 * words);
        try {
            bind();
            cuMemsetD32(addressOf(dst), value, words);
        } catch (CudaException e) {
            throw failure("filling " + words + " words", e);
        }
    }

    private CUfunction function(String kernel) {
        CUfunction f = functions.get(kernel);
        if (f != null) {
            return f;
        }
        for (CUmodule m : modules) {
            CUfunction candidate = new CUfunction();
            try {
                cuModuleGetFunction(candidate, m, kernel);
                functions.put(kernel, candidate);
                return candidate;
            } catch (CudaException e) {
                // not in this module: try the next
            }
        }
        throw new IllegalStateException("no kernel named " + kernel + " in the loaded PTX");
    }

    @Override
    public void launch(String kernel, long threads, KernelArgs args) {
        long blocks = (threads + BLOCK - 1) / BLOCK;
        if (blocks > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(kernel + ": " + threads + " threads are too many for one launch");
        }
        try {
            bind();
            CUfunction f = function(kernel);
            Pointer params = Pointer.to(Pointer.to(new long[] {threads}), Pointer.to(args.bytes()));
            cuLaunchKernel(f, (int) blocks, 1, 1, BLOCK, 1, 1, 0, null, params, null);
            cuCtxSynchronize();
        } catch (CudaException e) {
            throw failure("kernel " + kernel + " (" + threads + " threads)", e);
        }
    }

    /** Shared memory any block may use without asking for more (CUDA's static limit). */
    private static final long DEFAULT_SHARED = 48 * 1024;

    @Override
    public void launchBlocks(String kernel, long blocks, int threadsPerBlock, long sharedBytes, KernelArgs args) {
        if (blocks > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(kernel + ": " + blocks + " blocks are too many for one launch");
        }
        try {
            bind();
            CUfunction f = function(kernel);
            if (sharedBytes > DEFAULT_SHARED) {
                cuFuncSetAttribute(f, CUfunction_attribute.CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES, (int) sharedBytes);
            }
            Pointer params = Pointer.to(Pointer.to(new long[] {blocks}), Pointer.to(args.bytes()));
            cuLaunchKernel(f, (int) blocks, 1, 1, threadsPerBlock, 1, 1, (int) sharedBytes, null, params, null);
            cuCtxSynchronize();
        } catch (CudaException e) {
            throw failure("kernel " + kernel + " (" + blocks + " blocks of " + threadsPerBlock + " threads, " + sharedBytes
                    + " bytes of shared memory)", e);
        }
    }

    /**
     * Copy bandwidths measured with {@code bytes}-byte copies, each the median of five after a
     * warm-up, in bytes per second: host to device from pageable memory (a direct buffer, as the
     * backend copies Arrow buffers) and from pinned memory, device to host into pinned memory, and
     * device to device (counting the bytes read and the bytes written).
     */
    public DeviceBenchmark.Bandwidth measureBandwidth(long bytes) {
        bind();
        Pointer pinned = new Pointer();
        try (DeviceBuffer a = allocate(bytes); DeviceBuffer b = allocate(bytes)) {
            ByteBuffer pageable = ByteBuffer.allocateDirect((int) Math.min(bytes, Integer.MAX_VALUE - 8));
            long n = pageable.capacity();
            cuMemAllocHost(pinned, n);
            double h2dPageable = n / medianSeconds(() -> cuMemcpyHtoD(addressOf(a), Pointer.to(pageable), n));
            double h2dPinned = n / medianSeconds(() -> cuMemcpyHtoD(addressOf(a), pinned, n));
            double d2h = n / medianSeconds(() -> cuMemcpyDtoH(pinned, addressOf(a), n));
            double d2d = 2.0 * n / medianSeconds(() -> {
                cuMemcpyDtoD(addressOf(b), addressOf(a), n);
                cuCtxSynchronize();
            });
            return new DeviceBenchmark.Bandwidth(h2dPageable, h2dPinned, d2h, d2d);
        } catch (CudaException e) {
            throw failure("measuring copy bandwidth", e);
        } finally {
            try {
                cuMemFreeHost(pinned);
            } catch (CudaException ignored) {
                // it was never allocated
            }
        }
    }

    private static double medianSeconds(Runnable copy) {
        copy.run();
        double[] t = new double[5];
        for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            copy.run();
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        java.util.Arrays.sort(t);
        return t[t.length / 2];
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            cuCtxSetCurrent(context);
        } catch (CudaException ignored) {
            // a broken context is released all the same
        }
        release(device, modules, true);
    }
}
