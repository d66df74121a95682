package dev.floe.exec;

import clojure.lang.BigInt;
import clojure.lang.Keyword;
import clojure.lang.Symbol;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The one hash function of Floe's partitioning: depot {@code hashBy}, {@code hashPartition} and
 * the client routing of PState reads all use it, so a key lands on the same task every way. It
 * is stable across JVMs and releases, and equal keys hash equal across representations that
 * compare equal: an Integer and a Long of the same value, a Java list and a Clojure vector, a
 * Java map and a Clojure map.
 */
public final class KeyHash {
    private KeyHash() {}

    /** The partition of a key among {@code numPartitions}. */
    public static int partition(Object key, int numPartitions) {
        if (numPartitions <= 0) {
            throw new IllegalArgumentException("numPartitions must be positive, got " + numPartitions);
        }
        return (int) Math.floorMod(hash(key), (long) numPartitions);
    }

    /** A 64-bit hash of a key. */
    public static long hash(Object k) {
        if (k == null) {
            return 0x6a09e667f3bcc908L;
        }
        if (k instanceof Long || k instanceof Integer || k instanceof Short || k instanceof Byte) {
            return mix(((Number) k).longValue());
        }
        if (k instanceof BigInt) {
            BigInt b = (BigInt) k;
            return b.bipart == null ? mix(b.lpart) : bytes(b.bipart.toByteArray(), 0x13L);
        }
        if (k instanceof BigInteger) {
            BigInteger b = (BigInteger) k;
            return b.bitLength() < 64 ? mix(b.longValue()) : bytes(b.toByteArray(), 0x13L);
        }
        if (k instanceof Double || k instanceof Float) {
            return mix(Double.doubleToLongBits(((Number) k).doubleValue()) ^ 0x3c6ef372fe94f82bL);
        }
        if (k instanceof String) {
            return bytes(((String) k).getBytes(StandardCharsets.UTF_8), 0x21L);
        }
        if (k instanceof Keyword) {
            return bytes(((Keyword) k).sym.toString().getBytes(StandardCharsets.UTF_8), 0x22L);
        }
        if (k instanceof Symbol) {
            return bytes(k.toString().getBytes(StandardCharsets.UTF_8), 0x23L);
        }
        if (k instanceof Boolean) {
            return mix((Boolean) k ? 0x24L : 0x25L);
        }
        if (k instanceof Character) {
            return mix(((Character) k) ^ 0x26L << 32);
        }
        if (k instanceof UUID) {
            UUID u = (UUID) k;
            return mix(u.getMostSignificantBits() ^ mix(u.getLeastSignificantBits()));
        }
        if (k instanceof List) {
            long h = 0x27L;
            for (Object o : (List<?>) k) {
                h = mix(h * 31 + hash(o));
            }
            return h;
        }
        if (k instanceof Map) {
            long h = 0x28L;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) k).entrySet()) {
                h += mix(hash(e.getKey()) * 31 + hash(e.getValue()));
            }
            return mix(h);
        }
        if (k instanceof Set) {
            long h = 0x29L;
            for (Object o : (Set<?>) k) {
                h += hash(o);
            }
            return mix(h);
        }
        if (k instanceof byte[]) {
            return bytes((byte[]) k, 0x2aL);
        }
        if (k instanceof Enum) {
            Enum<?> e = (Enum<?>) k;
            return bytes((e.getDeclaringClass().getName() + "/" + e.name()).getBytes(StandardCharsets.UTF_8), 0x2bL);
        }
        return mix(k.hashCode() ^ 0x2cL << 40);
    }

    /** A 64-bit finalizer (from SplitMix64): spreads every input bit over the output. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static long bytes(byte[] b, long seed) {
        long h = seed * 0x9e3779b97f4a7c15L;
        int i = 0;
        for (; i + 8 <= b.length; i += 8) {
            long w = 0;
            for (int j = 0; j < 8; j++) {
                w |= (b[i + j] & 0xffL) << (8 * j);
            }
            h = mix(h ^ w) * 0x9e3779b97f4a7c15L;
        }
        long w = 0;
        for (int j = 0; i < b.length; i++, j++) {
            w |= (b[i] & 0xffL) << (8 * j);
        }
        return mix(h ^ w ^ b.length);
    }
}
