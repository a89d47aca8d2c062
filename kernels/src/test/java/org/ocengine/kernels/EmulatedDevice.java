package org.ocengine.kernels;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@link KernelDevice} whose kernels run on the CPU: the kernel sources of {@code src/main/cuda},
 * compiled with g++ (with AddressSanitizer and UndefinedBehaviorSanitizer where available, so an
 * out-of-bounds access in a kernel fails the test) into {@code src/test/c/emulator.cpp}'s driver,
 * one process per device. Device memory is the emulator's heap, filled with 0xA5 bytes when
 * allocated, so a kernel that leaves output unwritten shows garbage. It has a memory budget (out of
 * memory is a {@link DeviceFailure}, as on a GPU), counts launches per kernel, and {@link #close()}
 * fails if device memory was leaked. Tests skip, saying why, where there is no g++.
 */
final class EmulatedDevice implements KernelDevice {

    private static Path binary;
    private static String unavailable;

    private final Process process;
    private final Path log;
    private final OutputStream out;
    private final DataInputStream in;
    private final long budget;
    private long cap = Long.MAX_VALUE;
    private long allocated;
    private final Map<Long, Long> sizes = new HashMap<>();
    private final Map<String, Integer> launches = new HashMap<>();

    /** @param budget bytes of device memory */
    EmulatedDevice(long budget) {
        this.budget = budget;
        Path exe = emulator();
        try {
            log = Files.createTempFile("ocengine-emulator", ".log");
            ProcessBuilder pb = new ProcessBuilder(exe.toString()).redirectError(log.toFile());
            pb.environment().put("ASAN_OPTIONS", "detect_leaks=0:abort_on_error=1");
            pb.environment().put("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1");
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
        in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
    }

    /** The emulator binary, built once per test run; skips the calling test when it cannot be built. */
    static synchronized Path emulator() {
        if (binary == null && unavailable == null) {
            build();
        }
        assumeTrue(unavailable == null, () -> "kernels not emulated: " + unavailable);
        return binary;
    }

    private static void build() {
        Path cuda = Path.of("src/main/cuda").toAbsolutePath();
        Path source = Path.of("src/test/c/emulator.cpp").toAbsolutePath();
        Path exe = Path.of("target/emulator/ocengine-emulator").toAbsolutePath();
        try {
            if (Files.exists(exe) && newest(cuda, source) < Files.getLastModifiedTime(exe).toMillis()) {
                binary = exe;
                return;
            }
            Files.createDirectories(exe.getParent());
            List<String> base = List.of("g++", "-std=c++17", "-O1", "-g", "-ffp-contract=off", "-Wall", "-Wextra", "-Werror",
                    "-I", cuda.toString(), "-o", exe.toString(), source.toString());
            List<String> sanitised = new ArrayList<>(base);
            sanitised.addAll(List.of("-fsanitize=address,undefined,float-cast-overflow", "-fno-sanitize-recover=all", "-fno-omit-frame-pointer"));
            String failure = compile(sanitised);
            if (failure != null) {
                failure = compile(base);
            }
            if (failure != null) {
                unavailable = failure;
            } else {
                binary = exe;
            }
        } catch (IOException e) {
            unavailable = "building the emulator failed: " + e.getMessage();
        }
    }

    private static long newest(Path dir, Path file) throws IOException {
        long t = Files.getLastModifiedTime(file).toMillis();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                t = Math.max(t, Files.getLastModifiedTime(p).toMillis());
            }
        }
        return t;
    }

    /** Null on success, else why it failed. */
    private static String compile(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor() == 0 ? null : "g++ failed: " + output.lines().limit(20).reduce("", (x, y) -> x + "\n" + y);
        } catch (IOException e) {
            return "no g++ (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Launches of a kernel so far. */
    int launches(String kernel) {
        return launches.getOrDefault(kernel, 0);
    }

    /** Bytes allocated and not freed. */
    long allocatedBytes() {
        return allocated;
    }

    @Override
    public String description() {
        return "CPU emulation of the CUDA kernels";
    }

    @Override
    public long availableBytes() {
        return Math.max(0, Math.min(budget, cap) - allocated);
    }

    @Override
    public void capMemory(long bytes) {
        cap = bytes == Long.MAX_VALUE ? bytes : allocated + bytes;
    }

    private ByteBuffer header(int capacity) {
        return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }

    private void send(ByteBuffer b) {
        try {
            out.write(b.array(), 0, b.position());
        } catch (IOException e) {
            throw died(e);
        }
    }

    private void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw died(e);
        }
    }

    private byte[] receive(int n) {
        flush();
        byte[] b = new byte[n];
        try {
            in.readFully(b);
        } catch (IOException e) {
            throw died(e);
        }
        return b;
    }

    private AssertionError died(IOException e) {
        String stderr;
        try {
            process.waitFor(5, TimeUnit.SECONDS);
            stderr = Files.readString(log);
        } catch (IOException | InterruptedException x) {
            stderr = "(no log: " + x + ")";
        }
        return new AssertionError("the kernel emulator died:\n" + stderr, e);
    }

    private final class Buffer implements DeviceBuffer {
        final long address;
        final long bytes;
        boolean freed;

        Buffer(long address, long bytes) {
            this.address = address;
            this.bytes = bytes;
        }

        @Override
        public long address() {
            return address;
        }

        @Override
        public long bytes() {
            return bytes;
        }

        @Override
        public void close() {
            if (!freed) {
                freed = true;
                allocated -= bytes;
                sizes.remove(address);
                send(header(9).put((byte) 'D').putLong(address));
            }
        }
    }

    @Override
    public DeviceBuffer allocate(long bytes) {
        long size = Math.max(8, bytes);
        if (allocated + size > Math.min(budget, cap)) {
            throw new DeviceFailure("allocating " + size + " bytes failed on the emulated device: CUDA_ERROR_OUT_OF_MEMORY", true);
        }
        send(header(9).put((byte) 'A').putLong(size));
        long address = ByteBuffer.wrap(receive(8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
        allocated += size;
        sizes.put(address, size);
        return new Buffer(address, size);
    }

    private static void checkRange(DeviceBuffer b, long offset, long bytes) {
        if (((Buffer) b).freed || offset < 0 || offset + bytes > b.bytes()) {
            throw new AssertionError("copy of " + bytes + " bytes at " + offset + " outside a buffer of " + b.bytes() + " bytes");
        }
    }

    @Override
    public void upload(ByteBuffer src, DeviceBuffer dst, long dstOffset) {
        int n = src.remaining();
        checkRange(dst, dstOffset, n);
        byte[] data = new byte[n];
        src.duplicate().get(data);
        send(header(17).put((byte) 'W').putLong(dst.address() + dstOffset).putLong(n));
        try {
            out.write(data);
        } catch (IOException e) {
            throw died(e);
        }
    }

    @Override
    public void download(DeviceBuffer src, long srcOffset, ByteBuffer dst) {
        int n = dst.remaining();
        checkRange(src, srcOffset, n);
        send(header(17).put((byte) 'R').putLong(src.address() + srcOffset).putLong(n));
        dst.duplicate().put(receive(n));
    }

    @Override
    public void fill32(DeviceBuffer dst, long words, int value) {
        checkRange(dst, 0, 4 * words);
        send(header(21).put((byte) 'S').putLong(dst.address()).putLong(words).putInt(value));
    }

    @Override
    public void launch(String kernel, long threads, KernelArgs args) {
        byte[] name = kernel.getBytes(StandardCharsets.US_ASCII);
        byte[] block = args.bytes();
        ByteBuffer h = header(1 + 4 + name.length + 8 + 8).put((byte) 'L').putInt(name.length).put(name).putLong(threads).putLong(block.length);
        send(h);
        try {
            out.write(block);
        } catch (IOException e) {
            throw died(e);
        }
        ByteBuffer reply = ByteBuffer.wrap(receive(12)).order(ByteOrder.LITTLE_ENDIAN);
        int status = reply.getInt();
        long expected = reply.getLong();
        if (status == 1) {
            throw new AssertionError("the emulator has no kernel " + kernel);
        }
        if (status == 2) {
            throw new AssertionError(kernel + ": " + block.length + " argument bytes, the kernel's block has " + expected);
        }
        launches.merge(kernel, 1, Integer::sum);
    }

    /** A block kernel: the emulator runs each block's function once, its thread loops in turn, with heap "shared memory". */
    @Override
    public void launchBlocks(String kernel, long blocks, int threadsPerBlock, long sharedBytes, KernelArgs args) {
        if (threadsPerBlock < 1 || threadsPerBlock > 1024 || threadsPerBlock % 32 != 0) {
            throw new AssertionError(kernel + ": " + threadsPerBlock + " threads per block is not a whole number of warps up to 1024");
        }
        launch(kernel, blocks, args);
    }

    @Override
    public void close() {
        try {
            send(header(1).put((byte) 'Q'));
            flush();
            process.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // the log is a temporary file
        } finally {
            process.destroy();
        }
        if (allocated != 0) {
            throw new AssertionError(allocated + " bytes of device memory in " + sizes.size() + " buffers were not freed");
        }
    }
}
