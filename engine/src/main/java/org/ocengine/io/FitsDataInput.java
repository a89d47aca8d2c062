package org.ocengine.io;

import java.io.IOException;
import java.io.InputStream;
import nom.tam.util.FitsInputStream;

/**
 * nom-tam-fits's input stream, for parsing headers, with a way to read table data past nom-tam's
 * bookkeeping: {@link FitsInputStream#read(byte[], int, int)} copies every byte it returns into a
 * running checksum, which a reader that never checks {@code DATASUM} does not need. Owns the
 * stream it wraps. One thread.
 */
final class FitsDataInput extends FitsInputStream {

    FitsDataInput(InputStream in) {
        super(in);
    }

    /**
     * Reads up to {@code len} bytes as they are: what the stream has buffered first, then straight
     * from the stream it wraps.
     *
     * @return the number of bytes read, or -1 at the end of the stream
     */
    int readData(byte[] b, int off, int len) throws IOException {
        if (pos < count) {
            int n = Math.min(len, count - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }
        return in.read(b, off, len);
    }
}
