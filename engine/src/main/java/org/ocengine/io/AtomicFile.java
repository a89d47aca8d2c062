package org.ocengine.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPOutputStream;

/**
 * A file written under a temporary name in its target's folder and renamed onto the target only by
 * {@link #commit()}; {@link #close()} without commit deletes the temporary file. The temporary name
 * is hidden ({@code .<target name>.<random>.part}) and on the same file system as the target, so
 * the rename is atomic where the file system allows. One thread. Outside this package, whole files
 * are written with {@link #write}.
 */
public final class AtomicFile implements AutoCloseable {

    /** Writes the content of a file onto a stream (which the caller of {@code writeTo} closes). */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private final Path target;
    private final Path temp;
    private boolean committed;

    private AtomicFile(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /**
     * Writes {@code target} whole: {@code content} fills a hidden temporary file beside it, which is
     * forced to disk and renamed onto the target; on any failure the temporary file is removed and
     * the target is left as it was. Gzip-compressed when the name ends in {@code .gz}. Thread-safe
     * (each call has its own temporary file).
     */
    public static void write(Path target, Content content) throws IOException {
        try (AtomicFile file = create(target)) {
            try (OutputStream out = file.openStream()) {
                content.writeTo(out);
            }
            file.commit();
        }
    }

    /** Creates the (empty) temporary file beside {@code target}. */
    static AtomicFile create(Path target) throws IOException {
        return new AtomicFile(target, sibling(target, ".part"));
    }

    /**
     * A new empty hidden file {@code .<target name>.<random><suffix>} in the folder of
     * {@code target}. Unlike {@code Files.createTempFile} (owner-only), it gets the permissions the
     * process's umask gives any new file, which the target then keeps after the rename.
     */
    static Path sibling(Path target, String suffix) throws IOException {
        Path absolute = target.toAbsolutePath();
        while (true) {
            String random = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
            try {
                return Files.createFile(absolute.resolveSibling("." + absolute.getFileName() + "." + random + suffix));
            } catch (FileAlreadyExistsException e) {
                // another writer drew the same name: draw again
            }
        }
    }

    Path target() {
        return target;
    }

    /** The temporary file being written. */
    Path temp() {
        return temp;
    }

    /**
     * A buffered stream writing the temporary file from its start, gzip-compressing when the target
     * name ends in {@code .gz}. The caller closes it before {@link #commit()}.
     */
    OutputStream openStream() throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
        return isGzipName(target) ? new GZIPOutputStream(out, 1 << 16) : out;
    }

    /** Forces the temporary file to disk and renames it onto the target, replacing any file there. */
    void commit() throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
    }

    /** Deletes the temporary file unless committed. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            Files.deleteIfExists(temp);
        }
    }

    static boolean isGzipName(Path path) {
        return path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gz");
    }
}
