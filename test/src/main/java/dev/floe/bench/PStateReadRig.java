package dev.floe.bench;

import clojure.lang.IPersistentMap;
import clojure.lang.ITransientMap;
import clojure.lang.PersistentHashMap;
import clojure.lang.PersistentVector;
import dev.floe.Path;
import dev.floe.codec.FloeCodec;
import dev.floe.ir.ModuleIR;
import dev.floe.ir.SchemaIR;
import dev.floe.path.CompiledPath;
import dev.floe.path.PathImpl;
import dev.floe.store.RocksPState;
import dev.floe.store.RocksTaskStore;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Both sides of B4's storage rows, on the same data in one JVM:
 *
 * <ul>
 *   <li><b>Floe</b>: a {@link RocksTaskStore} (one RocksDB, a column family per PState, the options
 *       the runtime gives every task) holding {@code $$map}, a map {@code {String → Long}}, and
 *       {@code $$sorted}, {@code {Long → {Long → Long} subindexed}}; reads go through
 *       {@link RocksPState#selectCommitted}, the call every reader other than the owning topology
 *       makes (a client select on its task, another topology's {@code localSelect}), with the path
 *       compiled once and bound per read as {@code localSelect} does, or compiled per read as a
 *       client's {@code select} is on its task.
 *   <li><b>The limit</b>: a plain {@code RocksDB} in its own directory with two column families
 *       and the same options (LZ4, a 10-bit Bloom filter, one shared 32 MiB LRU block cache),
 *       holding the same entries: each key in a minimal hand-written encoding (a String key in the
 *       same bytes as Floe's; a Long key as 4 big-endian bytes), each value padded to the size of
 *       Floe's stored value of the same entry (Floe's holds a tag, the key and the value), read back
 *       with {@code RocksDB.get} or a {@code RocksIterator}, and the Long decoded from the bytes.
 * </ul>
 *
 * Both are loaded, closed and reopened (so both hold their entries in SST files, not memtables),
 * then every key is read once on both sides to warm the block caches.
 */
final class PStateReadRig implements AutoCloseable {
    static final String MAP = "$$map";
    static final String SORTED = "$$sorted";
    /** Keys per commit (Floe) and write batch (the limit) while loading. */
    static final int LOAD_CHUNK = 10_000;
    private static final byte[] RAW_MAP_CF = "map".getBytes(StandardCharsets.UTF_8);
    private static final byte[] RAW_SORTED_CF = "sorted".getBytes(StandardCharsets.UTF_8);
    private static final SchemaIR LONG = new SchemaIR.ClassSchema(Long.class.getName());
    private static final SchemaIR STRING = new SchemaIR.ClassSchema(String.class.getName());

    static {
        RocksDB.loadLibrary();
    }

    /** Entries in each PState. */
    final int keys;
    /** Top-level keys of {@code $$sorted}; each holds {@code keys / outerKeys} entries. */
    final int outerKeys;
    final int perOuter;
    /** Entries per range read. */
    final int rangeSize;
    private final java.nio.file.Path dir;
    private final String[] mapKeys;

    private RocksTaskStore store;
    private RocksPState map;
    private RocksPState sorted;

    private RocksDB raw;
    private DBOptions rawDbOptions;
    private LRUCache rawCache;
    private final List<ColumnFamilyOptions> rawCfOptions = new ArrayList<>();
    private ColumnFamilyHandle rawMap;
    private ColumnFamilyHandle rawSorted;

    private final CompiledPath keyPath = ((PathImpl) Path.key("*k")).compiled();
    private final CompiledPath nestedKeyPath = ((PathImpl) Path.key("*o", "*i")).compiled();
    private final CompiledPath mapRangePath = ((PathImpl) Path.sortedMapRange("*from", "*to")).compiled();
    private final CompiledPath nestedRangePath = ((PathImpl) Path.key("*o").sortedMapRange("*from", "*to")).compiled();

    /** Where reads whose results are otherwise unused leave them. */
    long sink;

    /** Mean stored sizes in bytes: {Floe key, Floe value, limit key, limit value} of each PState. */
    final double[] mapSizes = new double[4];
    final double[] sortedSizes = new double[4];

    PStateReadRig(java.nio.file.Path dir, int keys, int outerKeys, int rangeSize) {
        if (keys < 1 || outerKeys < 1 || keys % outerKeys != 0 || keys / outerKeys < rangeSize || rangeSize < 1) {
            throw new IllegalArgumentException("keys (" + keys + ") must be a positive multiple of outer keys ("
                    + outerKeys + ") with at least a range (" + rangeSize + ") of entries per outer key");
        }
        this.dir = dir;
        this.keys = keys;
        this.outerKeys = outerKeys;
        this.perOuter = keys / outerKeys;
        this.rangeSize = rangeSize;
        this.mapKeys = new String[keys];
        for (int i = 0; i < keys; i++) {
            mapKeys[i] = mapKey(i);
        }
        checkVars(keyPath, "*k");
        checkVars(nestedKeyPath, "*o", "*i");
        checkVars(mapRangePath, "*from", "*to");
        checkVars(nestedRangePath, "*o", "*from", "*to");
        load();
        reopen();
        warm();
    }

    private static void checkVars(CompiledPath p, String... vars) {
        if (!p.vars().equals(List.of(vars))) {
            throw new IllegalStateException(p + " binds " + p.vars() + ", not " + List.of(vars));
        }
    }

    /** The {@code i}-th key of {@code $$map}: {@code "k"} and 7 digits (11 bytes stored: a tag, the chars, an end). */
    static String mapKey(int i) {
        String d = Integer.toString(i);
        return "k" + "0".repeat(Math.max(0, 7 - d.length())) + d;
    }

    /** The value of entry {@code i} (of either PState): a fixed mix of {@code i}. */
    static long value(long i) {
        long z = i * 0x9E3779B97F4A7C15L;
        return (z ^ (z >>> 31)) & 0xFFFFFFFFFFL;
    }

    String mapKeyAt(int i) {
        return mapKeys[i];
    }

    // ------------------------------------------------------------------------------ loading

    private void load() {
        FloeCodec codec = new FloeCodec();
        openFloe();
        openRaw();
        // $$map
        for (int from = 0; from < keys; from += LOAD_CHUNK) {
            int to = Math.min(keys, from + LOAD_CHUNK);
            IPersistentMap m = (IPersistentMap) map.value();
            try (WriteBatch wb = new WriteBatch()) {
                for (int i = from; i < to; i++) {
                    String k = mapKeys[i];
                    long v = value(i);
                    m = m.assoc(k, v);
                    byte[] rk = rawMapKey(k);
                    byte[] rv = rawValue(v, 1 + codec.encode(PersistentVector.create(k, v)).length);
                    put(wb, rawMap, rk, rv);
                    mapSizes[0] += dev.floe.codec.KeyCodec.encode(k).length;
                    mapSizes[1] += rv.length; // the same size by construction
                    mapSizes[2] += rk.length;
                    mapSizes[3] += rv.length;
                }
                map.setValue(m);
                map.commit();
                writeRaw(wb);
            }
        }
        // $$sorted: one commit per outer key
        for (int o = 0; o < outerKeys; o++) {
            ITransientMap inner = PersistentHashMap.EMPTY.asTransient();
            try (WriteBatch wb = new WriteBatch()) {
                for (int i = 0; i < perOuter; i++) {
                    long v = value((long) o * perOuter + i);
                    inner = inner.assoc((long) i, v);
                    byte[] rk = rawSortedKey(o, i);
                    byte[] rv = rawValue(v, 1 + codec.encode(PersistentVector.create((long) i, v)).length);
                    put(wb, rawSorted, rk, rv);
                    sortedSizes[0] += dev.floe.codec.KeyCodec.encode((long) o).length
                            + dev.floe.codec.KeyCodec.encode((long) i).length;
                    sortedSizes[1] += rv.length;
                    sortedSizes[2] += rk.length;
                    sortedSizes[3] += rv.length;
                }
                sorted.setValue(((IPersistentMap) sorted.value()).assoc((long) o, inner.persistent()));
                sorted.commit();
                writeRaw(wb);
            }
        }
        for (int j = 0; j < 4; j++) {
            mapSizes[j] /= keys;
            sortedSizes[j] /= keys;
        }
    }

    private static void put(WriteBatch wb, ColumnFamilyHandle cf, byte[] k, byte[] v) {
        try {
            wb.put(cf, k, v);
        } catch (RocksDBException e) {
            throw new IllegalStateException("loading the raw RocksDB failed: " + e, e);
        }
    }

    private void writeRaw(WriteBatch wb) {
        try (WriteOptions wo = new WriteOptions()) {
            raw.write(wo, wb);
        } catch (RocksDBException e) {
            throw new IllegalStateException("loading the raw RocksDB failed: " + e, e);
        }
    }

    /** Closes and reopens both stores: RocksDB flushes what it recovers from its log into SST files. */
    private void reopen() {
        closeFloe();
        closeRaw();
        openFloe();
        openRaw();
    }

    private void openFloe() {
        store = new RocksTaskStore(dir.resolve("floe"), new FloeCodec(), false, null);
        map = store.pstate(new ModuleIR.PStateDecl(MAP, new SchemaIR.MapSchema(STRING, LONG, null), false, false, null,
                false, null, null));
        sorted = store.pstate(new ModuleIR.PStateDecl(SORTED, new SchemaIR.MapSchema(LONG,
                new SchemaIR.MapSchema(LONG, LONG, new SchemaIR.Subindex(true)), null), false, false, null, false, null,
                null));
    }

    /** The raw RocksDB, with the options {@code RocksTaskStore} gives a task's column families. */
    private void openRaw() {
        try {
            java.nio.file.Path d = dir.resolve("raw");
            Files.createDirectories(d);
            rawCache = new LRUCache(32L << 20);
            rawDbOptions = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            for (byte[] name : List.of(RocksDB.DEFAULT_COLUMN_FAMILY, RAW_MAP_CF, RAW_SORTED_CF)) {
                ColumnFamilyOptions o = new ColumnFamilyOptions()
                        .setCompressionType(CompressionType.LZ4_COMPRESSION)
                        .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(rawCache)
                                .setFilterPolicy(new BloomFilter(10)));
                rawCfOptions.add(o);
                descriptors.add(new ColumnFamilyDescriptor(name, o));
            }
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            raw = RocksDB.open(rawDbOptions, d.toString(), descriptors, handles);
            rawMap = handles.get(1);
            rawSorted = handles.get(2);
            handles.get(0).close();
        } catch (RocksDBException | java.io.IOException e) {
            throw new IllegalStateException("cannot open the raw RocksDB in " + dir + ": " + e, e);
        }
    }

    private void warm() {
        long s = 0;
        for (int i = 0; i < keys; i++) {
            s += floeMapGet(i) + limitMapGet(i);
            s += floeSortedGet(i / perOuter, i % perOuter) + limitSortedGet(i / perOuter, i % perOuter);
        }
        sink += s;
    }

    // ------------------------------------------------------------------------------ limit encodings

    /** A String key as Floe stores it (tag 0x21, the chars, end 0x00 0x01), for ASCII keys. */
    static byte[] rawMapKey(String k) {
        int n = k.length();
        byte[] b = new byte[n + 3];
        b[0] = 0x21;
        for (int i = 0; i < n; i++) {
            b[i + 1] = (byte) k.charAt(i);
        }
        b[n + 1] = 0x00;
        b[n + 2] = 0x01;
        return b;
    }

    /** Outer and inner key as 4 big-endian bytes each: ordered like the numbers, for non-negative ints. */
    static byte[] rawSortedKey(int outer, int inner) {
        byte[] b = new byte[8];
        putInt(b, 0, outer);
        putInt(b, 4, inner);
        return b;
    }

    /** The value's 8 big-endian bytes, zero-padded to {@code size}. */
    static byte[] rawValue(long v, int size) {
        byte[] b = new byte[Math.max(8, size)];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (56 - 8 * i));
        }
        return b;
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    static int getInt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    static long getLong(byte[] b) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (b[i] & 0xFF);
        }
        return v;
    }

    // ------------------------------------------------------------------------------ reads

    /** Floe: {@code $$map} at key {@code i}, the path compiled once and bound per read ({@code localSelect}). */
    long floeMapGet(int i) {
        List<Object> r = map.selectCommitted(keyPath.bind(mapKeys[i]));
        return (Long) r.get(0);
    }

    /** Floe: {@code $$map} at key {@code i}, {@code Path.key(k)} compiled per read (a client select on its task). */
    long floeMapGetCompiled(int i) {
        List<Object> r = map.selectCommitted(((PathImpl) Path.key(mapKeys[i])).compiled().nav());
        return (Long) r.get(0);
    }

    long limitMapGet(int i) {
        try {
            return getLong(raw.get(rawMap, rawMapKey(mapKeys[i])));
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Floe: {@code $$sorted} at {@code [outer inner]} (a read of the subindexed map's entry). */
    long floeSortedGet(int outer, int inner) {
        List<Object> r = sorted.selectCommitted(nestedKeyPath.bind((long) outer, (long) inner));
        return (Long) r.get(0);
    }

    long limitSortedGet(int outer, int inner) {
        try {
            return getLong(raw.get(rawSorted, rawSortedKey(outer, inner)));
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Floe: the {@link #rangeSize} entries of {@code $$map} from key {@code i}, with
     * {@code sortedMapRange(from, to)} (a sorted map of them), as keys and values alternating.
     */
    Object floeMapRange(int i) {
        List<Object> r = map.selectCommitted(mapRangePath.bind(mapKeys[i], mapKeys[i + rangeSize]));
        return r.get(0);
    }

    /** The limit: a RocksIterator seeks to key {@code i} and reads {@link #rangeSize} entries. */
    long[] limitMapRange(int i) {
        long[] out = new long[rangeSize];
        try (RocksIterator it = raw.newIterator(rawMap)) {
            it.seek(rawMapKey(mapKeys[i]));
            for (int n = 0; n < rangeSize; n++, it.next()) {
                if (!it.isValid()) {
                    throw new IllegalStateException("the raw map ends after " + n + " entries from key " + i);
                }
                it.key();
                out[n] = getLong(it.value());
            }
        }
        return out;
    }

    /** Floe: {@code $$sorted} at {@code outer}, {@code sortedMapRange(from, from + rangeSize)}. */
    Object floeSortedRange(int outer, int from) {
        List<Object> r = sorted.selectCommitted(nestedRangePath.bind((long) outer, (long) from, (long) (from + rangeSize)));
        return r.get(0);
    }

    /** The limit: seek to {@code [outer from]}, read {@link #rangeSize} entries, decoding inner key and value. */
    long[] limitSortedRange(int outer, int from) {
        long[] out = new long[2 * rangeSize];
        try (RocksIterator it = raw.newIterator(rawSorted)) {
            it.seek(rawSortedKey(outer, from));
            for (int n = 0; n < rangeSize; n++, it.next()) {
                if (!it.isValid()) {
                    throw new IllegalStateException("the raw sorted map ends after " + n + " entries from " + from);
                }
                out[2 * n] = getInt(it.key(), 4);
                out[2 * n + 1] = getLong(it.value());
            }
        }
        return out;
    }

    /** A sorted map result of Floe's range reads as {@code [v0 v1 …]} (map) or {@code [k0 v0 k1 v1 …]} (sorted). */
    static long[] flatten(Object sortedMap, boolean withKeys) {
        Map<?, ?> m = (Map<?, ?>) sortedMap;
        long[] out = new long[withKeys ? 2 * m.size() : m.size()];
        int n = 0;
        for (Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator(); it.hasNext();) {
            Map.Entry<?, ?> e = it.next();
            if (withKeys) {
                out[n++] = (Long) e.getKey();
            }
            out[n++] = (Long) e.getValue();
        }
        return out;
    }

    /** Random read positions (fixed seed): key indexes in [0, bound). */
    static int[] positions(int count, int bound, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = r.nextInt(bound);
        }
        return out;
    }

    // ------------------------------------------------------------------------------ closing

    private void closeFloe() {
        if (store != null) {
            store.close();
            store = null;
        }
    }

    private void closeRaw() {
        if (raw != null) {
            rawMap.close();
            rawSorted.close();
            raw.close();
            raw = null;
            for (ColumnFamilyOptions o : rawCfOptions) {
                o.close();
            }
            rawCfOptions.clear();
            rawDbOptions.close();
            rawCache.close();
        }
    }

    @Override
    public void close() {
        closeFloe();
        closeRaw();
        DepotAppendRig.delete(dir);
    }
}
