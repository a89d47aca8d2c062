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
 * the rename is atomic where the file system allows. One thread.
 */
final class AtomicFile implements AutoCloseable {

    private final Path target;
    private final Path temp;
    private boolean committed;

    private AtomicFile(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
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
