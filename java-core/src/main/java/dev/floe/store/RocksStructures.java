package dev.floe.store;

import clojure.lang.IPersistentMap;
import clojure.lang.PersistentTreeMap;
import clojure.lang.PersistentVector;
import dev.floe.codec.KeyCodec;
import dev.floe.ir.SchemaIR;
import dev.floe.runtime.Codec;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The stored form of one PState partition in its task's RocksDB (one column family): how entries,
 * subindexed structures and sizes are laid out, read and written. {@link StoredMap} views read
 * through it; commits write through a {@link Batch}.
 *
 * <p>An entry's value is a tag byte and the codec's bytes of {@code [key value]} (tag 0, a plain
 * value, or an element of a subindexed list under its Long index), {@code [key]} (tags 1, 3, 4: a
 * subindexed map, set or list whose entries follow under the entry's key) or {@code [element]}
 * (tag 2, an element of a subindexed set).
 * Iteration reads chunks of entries, each with its own RocksDB iterator closed at once, so abandoned
 * iterations hold no native resources: the first chunk is {@link #FIRST_CHUNK} entries (a short
 * range or a first element reads little), each next one twice the last, up to {@link #CHUNK}.
 */
public final class RocksStructures {
    static final int CHUNK = 256;
    static final int FIRST_CHUNK = 16;
    private static final byte PLAIN = 0;
    static final byte SUBINDEXED_MAP = 1;
    private static final byte SET_ELEMENT = 2;
    private static final byte SUBINDEXED_SET = 3;
    private static final byte SUBINDEXED_LIST = 4;
    /** The byte after a prefix where a structure's size is kept (no key encoding starts with it). */
    static final byte SIZE = 0x00;
    /** A byte above every key encoding's first byte: prefix + it bounds a structure's entries. */
    static final byte END = (byte) 0xFF;

    private final RocksDB db;
    private final ColumnFamilyHandle cf;
    private final Codec codec;
    final String pstate;
    /** Point lookups and iterated entries read so far (what tests count to bound a read's cost). */
    final java.util.concurrent.atomic.LongAdder reads = new java.util.concurrent.atomic.LongAdder();

    RocksStructures(RocksDB db, ColumnFamilyHandle cf, Codec codec, String pstate) {
        this.db = db;
        this.cf = cf;
        this.codec = codec;
        this.pstate = pstate;
    }

    byte[] get(byte[] key) {
        reads.increment();
        try {
            return db.get(cf, key);
        } catch (RocksDBException e) {
            throw new StoreException("PState " + pstate + ": read failed", e);
        }
    }

    /** [original key, value or view] of a stored entry. */
    Object[] decodeEntry(byte[] keyBytes, byte[] stored, SchemaIR valueSchema) {
        byte tag = stored[0];
        List<?> kv = (List<?>) codec.decode(Arrays.copyOfRange(stored, 1, stored.length));
        switch (tag) {
            case PLAIN:
                return new Object[] {kv.get(0), kv.get(1)};
            case SET_ELEMENT:
                return new Object[] {kv.get(0), kv.get(0)};
            case SUBINDEXED_MAP:
            case SUBINDEXED_SET:
            case SUBINDEXED_LIST:
                return new Object[] {kv.get(0), view(keyBytes, unwrap(valueSchema))};
            default:
                throw new StoreException("PState " + pstate + ": unknown entry tag " + tag + " (a newer Floe's data?)", null);
        }
    }

    /**
     * The value of a stored entry found by its key (a point lookup): a subindexed structure's
     * view is made from the marker's tag alone, without decoding it.
     */
    Object valueOf(byte[] keyBytes, byte[] stored, SchemaIR valueSchema) {
        if (isMarker(stored[0])) {
            return view(keyBytes, unwrap(valueSchema));
        }
        return decodeEntry(keyBytes, stored, valueSchema)[1];
    }

    /** A view of the subindexed structure stored under prefix. */
    private StoredStructure view(byte[] prefix, SchemaIR schema) {
        if (schema instanceof SchemaIR.MapSchema) {
            SchemaIR.MapSchema ms = (SchemaIR.MapSchema) schema;
            return new StoredMap(this, prefix, ms, tracksSize(ms.subindex()));
        }
        if (schema instanceof SchemaIR.SetSchema) {
            SchemaIR.SetSchema ss = (SchemaIR.SetSchema) schema;
            return new StoredSet(new StoredMap(this, StoredMap.SET, prefix, ss.element(), tracksSize(ss.subindex())), ss);
        }
        SchemaIR.ListSchema ls = (SchemaIR.ListSchema) schema;
        // a list always tracks its size: its indices depend on it
        return new StoredList(new StoredMap(this, StoredMap.LIST, prefix, ls.element(), true), ls);
    }

    private static boolean isMarker(byte tag) {
        return tag == SUBINDEXED_MAP || tag == SUBINDEXED_SET || tag == SUBINDEXED_LIST;
    }

    /** The marker tag of a subindexed schema, or PLAIN when the schema stores its values whole. */
    static byte markerOf(SchemaIR s) {
        SchemaIR u = unwrap(s);
        if (u instanceof SchemaIR.MapSchema && ((SchemaIR.MapSchema) u).subindex() != null) {
            return SUBINDEXED_MAP;
        }
        if (u instanceof SchemaIR.SetSchema && ((SchemaIR.SetSchema) u).subindex() != null) {
            return SUBINDEXED_SET;
        }
        if (u instanceof SchemaIR.ListSchema && ((SchemaIR.ListSchema) u).subindex() != null) {
            return SUBINDEXED_LIST;
        }
        return PLAIN;
    }

    static SchemaIR unwrap(SchemaIR s) {
        while (s instanceof SchemaIR.Migrated) {
            s = ((SchemaIR.Migrated) s).schema();
        }
        return s;
    }

    static boolean tracksSize(SchemaIR.Subindex subindex) {
        return subindex == null || subindex.trackSize();
    }

    /** The tracked size of the structure at prefix (0 when none is stored). */
    long size(byte[] prefix) {
        byte[] v = get(StoredMap.concat(prefix, new byte[] {SIZE}));
        return v == null ? 0 : ByteBuffer.wrap(v).getLong();
    }

    /**
     * The entries [original key, value or view] under a prefix, in key order (or reversed), from a
     * key's bytes (inclusive) when given; nested entries of subindexed values are skipped.
     */
    Iterator<Object[]> entries(byte[] prefix, byte[] fromKey, boolean ascending, SchemaIR valueSchema) {
        return new Iterator<Object[]>() {
            private final ArrayList<Object[]> buffer = new ArrayList<>();
            private int pos;
            /** Where the next chunk starts: the last key read (exclusive), or null for the first chunk. */
            private byte[] resume;
            private boolean done;
            private int chunk = FIRST_CHUNK / 2;

            private void fill() {
                chunk = Math.min(CHUNK, chunk * 2);
                buffer.clear();
                pos = 0;
                if (done) {
                    return;
                }
                try (RocksIterator it = db.newIterator(cf)) {
                    if (resume == null) {
                        if (ascending) {
                            it.seek(fromKey == null ? StoredMap.concat(prefix, new byte[] {(byte) 0x01})
                                    : StoredMap.concat(prefix, fromKey));
                        } else if (fromKey == null) {
                            it.seekForPrev(StoredMap.concat(prefix, new byte[] {END}));
                        } else {
                            it.seekForPrev(successor(StoredMap.concat(prefix, fromKey)));
                        }
                    } else if (ascending) {
                        it.seek(successor(resume));
                    } else {
                        it.seekForPrev(resume);
                        if (it.isValid() && Arrays.equals(it.key(), resume)) {
                            it.prev();
                        }
                    }
                    while (it.isValid() && buffer.size() < chunk) {
                        byte[] k = it.key();
                        if (!StoredMap.startsWith(k, prefix)) {
                            break;
                        }
                        if (k.length == prefix.length || k[prefix.length] == SIZE) {
                            step(it);
                            continue;
                        }
                        if (!ascending && !isDirectChild(k, prefix)) {
                            // a nested entry of a subindexed value, met before its marker going down: skip to the marker
                            it.seekForPrev(directChild(k, prefix));
                            continue;
                        }
                        reads.increment();
                        buffer.add(decodeEntry(k, it.value(), valueSchema));
                        resume = k;
                        if (ascending && isMarker(it.value()[0])) {
                            it.seek(successor(k));
                        } else {
                            step(it);
                        }
                    }
                    if (buffer.size() < chunk) {
                        done = true;
                    }
                }
            }

            private void step(RocksIterator it) {
                if (ascending) {
                    it.next();
                } else {
                    it.prev();
                }
            }

            @Override
            public boolean hasNext() {
                if (pos >= buffer.size()) {
                    fill();
                }
                return pos < buffer.size();
            }

            @Override
            public Object[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return buffer.get(pos++);
            }
        };
    }

    /** True when key is prefix + one key encoding (not an entry nested deeper). */
    private static boolean isDirectChild(byte[] key, byte[] prefix) {
        return KeyCodec.encodedLength(key, prefix.length) == key.length - prefix.length;
    }

    /** The direct child entry a nested key belongs to: prefix + the first key encoding after it. */
    private static byte[] directChild(byte[] key, byte[] prefix) {
        return Arrays.copyOf(key, prefix.length + KeyCodec.encodedLength(key, prefix.length));
    }

    /** The smallest byte string greater than every string starting with {@code b}. */
    static byte[] successor(byte[] b) {
        byte[] out = b.clone();
        for (int i = out.length - 1; i >= 0; i--) {
            if (out[i] != (byte) 0xFF) {
                out[i]++;
                return Arrays.copyOf(out, i + 1);
            }
        }
        throw new IllegalArgumentException("no successor of an all-0xFF key");
    }

    /**
     * Writes an entry: a plain value whole, a subindexed map, set or list as a marker and its own
     * entries (only its changes when the value is a view of the structure stored there).
     */
    void write(Batch batch, byte[] keyBytes, Object key, Object value, SchemaIR valueSchema) {
        byte marker = markerOf(valueSchema);
        if (value != null && marker != PLAIN) {
            batch.put(keyBytes, tagged(marker, PersistentVector.create(key)));
            StoredMap entries = StoredMap.entriesOf(value);
            if (entries != null && entries.store == this && Arrays.equals(entries.prefix, keyBytes)) {
                entries.flush(batch);
                return;
            }
            // a whole new structure replaces whatever was there
            batch.deleteChildren(keyBytes);
            StoredMap filled = StoredMap.entriesOf(view(keyBytes, unwrap(valueSchema))).emptyCleared();
            IPersistentMap m = filled;
            if (marker == SUBINDEXED_MAP) {
                for (Object o : (Iterable<?>) value) {
                    Map.Entry<?, ?> e = (Map.Entry<?, ?>) o;
                    m = m.assoc(e.getKey(), e.getValue());
                }
            } else {
                long i = 0;
                for (Object o : (Iterable<?>) value) {
                    m = m.assoc(marker == SUBINDEXED_SET ? o : (Object) i++, o);
                }
            }
            ((StoredMap) m).flush(batch);
            return;
        }
        if (marker != PLAIN) {
            batch.deleteChildren(keyBytes); // a nil where a subindexed structure was
        }
        batch.put(keyBytes, tagged(PLAIN, PersistentVector.create(key, value instanceof StoredStructure
                ? ((StoredStructure) value).materialize() : value)));
    }

    /** The stored form of an element of a subindexed set. */
    byte[] setElement(Object element) {
        return tagged(SET_ELEMENT, PersistentVector.create(element));
    }

    /** A value stored whole (a PState whose top level is not a map). */
    Object decodeCell(byte[] stored) {
        return codec.decode(stored);
    }

    byte[] encodeCell(Object value) {
        return codec.encode(value);
    }

    private byte[] tagged(byte tag, Object v) {
        byte[] body = codec.encode(v);
        byte[] out = new byte[body.length + 1];
        out[0] = tag;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    /** The writes of one commit of a task: applied together, atomically. */
    public final class Batch {
        final WriteBatch wb;

        Batch(WriteBatch wb) {
            this.wb = wb;
        }

        void put(byte[] k, byte[] v) {
            try {
                wb.put(cf, k, v);
            } catch (RocksDBException e) {
                throw new StoreException("PState " + pstate + ": write failed", e);
            }
        }

        void delete(byte[] k) {
            try {
                wb.delete(cf, k);
            } catch (RocksDBException e) {
                throw new StoreException("PState " + pstate + ": delete failed", e);
            }
        }

        /** Deletes everything stored under prefix (a structure's entries and size), not the prefix key itself. */
        void deleteChildren(byte[] prefix) {
            try {
                wb.deleteRange(cf, StoredMap.concat(prefix, new byte[] {SIZE}), StoredMap.concat(prefix, new byte[] {END}));
            } catch (RocksDBException e) {
                throw new StoreException("PState " + pstate + ": range delete failed", e);
            }
        }

        void putSize(byte[] prefix, long size) {
            put(StoredMap.concat(prefix, new byte[] {SIZE}), ByteBuffer.allocate(8).putLong(size).array());
        }
    }

    /** A batch over a RocksDB write batch (the task store owns it). */
    Batch batch(WriteBatch wb) {
        return new Batch(wb);
    }

    static PersistentTreeMap sortedEmpty() {
        return StoredMap.emptyOverlay();
    }
}
