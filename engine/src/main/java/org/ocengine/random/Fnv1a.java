package org.ocengine.random;

import java.nio.charset.StandardCharsets;

/** The 64-bit FNV-1a hash of a string's UTF-8 bytes: stable across runs, machines and backends. */
public final class Fnv1a {

    private Fnv1a() {
    }

    public static long hash64(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
