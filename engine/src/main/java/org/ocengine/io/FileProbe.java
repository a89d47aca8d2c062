package org.ocengine.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.ocengine.table.DataException;

/** Looks at the start of files: their first bytes, gzip compression, emptiness. Stateless. */
final class FileProbe {

    /** Bytes read for format detection. */
    static final int HEAD_BYTES = 512;

    private FileProbe() {
    }

    /**
     * The first {@value #HEAD_BYTES} bytes of a file (fewer if it is shorter).
     *
     * @throws DataException when the file is empty
     */
    static byte[] head(Path path) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(HEAD_BYTES);
        }
        if (head.length == 0) {
            throw new DataException(path.toString(), null, 0, "file is empty");
        }
        return head;
    }

    /** True when the bytes start with the gzip magic number 1f 8b. */
    static boolean isGzip(byte[] head) {
        return head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
    }

    /** True when the bytes start with the ASCII text {@code prefix}. */
    static boolean startsWith(byte[] head, String prefix) {
        if (head.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (head[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A buffered stream of the file's content, decompressed when it is gzip data (recognised by its
     * magic number, whatever the name); it supports mark and reset.
     *
     * @throws DataException when the file is empty
     */
    static InputStream openContent(Path path) throws IOException {
        boolean gzip = isGzip(head(path));
        InputStream raw = Files.newInputStream(path);
        try {
            return gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16)
                    : new BufferedInputStream(raw, 1 << 16);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** True when the lower-cased file name ends with {@code "." + ext} for one of the endings. */
    static boolean hasExtension(String fileName, Iterable<String> extensions) {
        String lower = fileName.toLowerCase(java.util.Locale.ROOT);
        for (String ext : extensions) {
            if (lower.endsWith("." + ext)) {
                return true;
            }
        }
        return false;
    }
}
