package dev.floe.store;

import clojure.lang.APersistentMap;
import clojure.lang.ASeq;
import clojure.lang.IMapEntry;
import clojure.lang.IPersistentCollection;
import clojure.lang.IPersistentMap;
import clojure.lang.ISeq;
import clojure.lang.MapEntry;
import clojure.lang.Obj;
import clojure.lang.PersistentTreeMap;
import clojure.lang.Sorted;
import dev.floe.codec.KeyCodec;
import dev.floe.ir.SchemaIR;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A map stored in RocksDB one entry per key (a PState's top-level map, or a subindexed map inside
 * it), seen as a Clojure persistent sorted map: {@code get} is a point lookup, iteration streams
 * the entries in key order, {@code seqFrom} (the range navigators) seeks, and {@code count} reads
 * a tracked size. Changes ({@code assoc}, {@code without}) make a new view with the change in an
 * in-memory overlay over the stored entries; {@link #flush} turns the overlay into RocksDB writes
 * when the change commits. Paths navigate and transform it like any map.
 *
 * <p>Entry keys are {@code prefix + KeyCodec(key)}; the entry's value holds a tag, the original key
 * (so an Integer key comes back an Integer) and the value. A subindexed value is a marker entry
 * whose own entries follow under its key's bytes. The tracked size is at {@code prefix + 0x00},
 * which no key encoding starts with.
 */
public final class StoredMap extends APersistentMap implements Sorted, StoredStructure, dev.floe.specter.KeyChainLookup {
    private static final long serialVersionUID = 1L;

    /** An overlay value: the key is removed. */
    static final Object DELETED = new Object() {
        @Override
        public String toString() {
            return "<deleted>";
        }
    };

    /** What the entries are: {@link #MAP} entries, {@link #SET} elements (key = value), {@link #LIST} elements by index. */
    static final byte MAP = 0;
    static final byte SET = 1;
    static final byte LIST = 2;

    final transient RocksStructures store;
    final byte kind;
    final byte[] prefix;
    final SchemaIR keySchema;
    final SchemaIR valueSchema;
    final boolean trackSize;
    /** Changed keys: the new value, or {@link #DELETED}. */
    final PersistentTreeMap overlay;
    /** True when the stored entries no longer count (the map was emptied, then perhaps refilled by the overlay). */
    final boolean cleared;
    /** The size change of the overlay against the stored entries. */
    final long sizeDelta;

    StoredMap(RocksStructures store, byte[] prefix, SchemaIR.MapSchema schema, boolean trackSize) {
        this(store, MAP, prefix, schema.key(), schema.value(), trackSize, emptyOverlay(), false, 0);
    }

    /** The entries of a subindexed set ({@link #SET}: element → element) or list ({@link #LIST}: Long index → element). */
    StoredMap(RocksStructures store, byte kind, byte[] prefix, SchemaIR element, boolean trackSize) {
        this(store, kind, prefix, kind == LIST ? LIST_INDEX : element, element, trackSize, emptyOverlay(), false, 0);
    }

    static final SchemaIR LIST_INDEX = new SchemaIR.ClassSchema(Long.class.getName());

    private StoredMap(RocksStructures store, byte kind, byte[] prefix, SchemaIR keySchema, SchemaIR valueSchema,
            boolean trackSize, PersistentTreeMap overlay, boolean cleared, long sizeDelta) {
        this.store = store;
        this.kind = kind;
        this.prefix = prefix;
        this.keySchema = keySchema;
        this.valueSchema = valueSchema;
        this.trackSize = trackSize;
        this.overlay = overlay;
        this.cleared = cleared;
        this.sizeDelta = sizeDelta;
    }

    static PersistentTreeMap emptyOverlay() {
        return PersistentTreeMap.create(KeyOrder.INSTANCE, null);
    }

    /** An empty view that replaces the stored entries when it commits. */
    StoredMap emptyCleared() {
        return new StoredMap(store, kind, prefix, keySchema, valueSchema, trackSize, emptyOverlay(), true, 0);
    }

    /** True when nothing changed since the view was made from the stored entries. */
    public boolean unchanged() {
        return overlay.count() == 0 && !cleared;
    }

    // ------------------------------------------------------------------------------ reads

    private byte[] keyBytes(Object key) {
        return concat(prefix, KeyCodec.encode(key));
    }

    /** The stored value at a key (a view for a subindexed value), or {@code notFound}. */
    private Object storedValue(Object key, Object notFound) {
        if (cleared) {
            return notFound;
        }
        byte[] kb = keyBytes(key);
        byte[] v = store.get(kb);
        if (v == null) {
            return notFound;
        }
        return store.valueOf(kb, v, valueSchema);
    }

    @Override
    public Object valAt(Object key, Object notFound) {
        Object o = overlay.valAt(key, this);
        if (o != this) {
            return o == DELETED ? notFound : o;
        }
        return storedValue(key, notFound);
    }

    @Override
    public Object valAt(Object key) {
        return valAt(key, null);
    }

    /**
     * {@code second.get(valAt(k1))} with one read when the value at {@code k1} is a subindexed map
     * this view has not changed: the inner entry is read at once (when it is missing the answer is
     * nil whether or not the map at {@code k1} exists, so its marker need not be read).
     */
    @Override
    public Object getIn(Object k1, Object k2, dev.floe.specter.LensNav second) {
        if (kind == MAP && !cleared && RocksStructures.markerOf(valueSchema) == RocksStructures.SUBINDEXED_MAP
                && overlay.valAt(k1, this) == this) {
            SchemaIR.MapSchema inner = (SchemaIR.MapSchema) RocksStructures.unwrap(valueSchema);
            return new StoredMap(store, keyBytes(k1), inner, RocksStructures.tracksSize(inner.subindex())).valAt(k2);
        }
        return second.get(valAt(k1));
    }

    @Override
    public boolean containsKey(Object key) {
        return valAt(key, DELETED) != DELETED;
    }

    @Override
    public IMapEntry entryAt(Object key) {
        Object v = valAt(key, DELETED);
        return v == DELETED ? null : MapEntry.create(key, v);
    }

    @Override
    public int count() {
        if (trackSize && !cleared) {
            return (int) (store.size(prefix) + sizeDelta);
        }
        if (cleared) {
            int n = 0;
            for (ISeq s = overlay.seq(); s != null; s = s.next()) {
                if (((Map.Entry<?, ?>) s.first()).getValue() != DELETED) {
                    n++;
                }
            }
            return n;
        }
        int n = 0;
        for (Iterator<?> it = iterator(); it.hasNext(); it.next()) {
            n++;
        }
        return n;
    }

    // ------------------------------------------------------------------------------ changes

    @Override
    public IPersistentMap assoc(Object key, Object val) {
        boolean existed = containsKey(key);
        return new StoredMap(store, kind, prefix, keySchema, valueSchema, trackSize, overlay.assoc(key, val),
                cleared, sizeDelta + (existed ? 0 : 1));
    }

    @Override
    public IPersistentMap assocEx(Object key, Object val) {
        if (containsKey(key)) {
            throw new IllegalStateException("Key already present");
        }
        return assoc(key, val);
    }

    @Override
    public IPersistentMap without(Object key) {
        if (!containsKey(key)) {
            return this;
        }
        return new StoredMap(store, kind, prefix, keySchema, valueSchema, trackSize,
                overlay.assoc(key, DELETED), cleared, sizeDelta - 1);
    }

    /** An empty sorted map (a plain value: building a new map from this one replaces it at commit). */
    @Override
    public IPersistentCollection empty() {
        return emptyOverlay();
    }

    // ------------------------------------------------------------------------------ iteration

    @Override
    public ISeq seq() {
        return seq(true);
    }

    @Override
    public Iterator<Object> iterator() {
        ISeq s = seq(true);
        return new Iterator<Object>() {
            ISeq cur = s;

            @Override
            public boolean hasNext() {
                return cur != null;
            }

            @Override
            public Object next() {
                if (cur == null) {
                    throw new NoSuchElementException();
                }
                Object e = cur.first();
                cur = cur.next();
                return e;
            }
        };
    }

    @Override
    public Comparator<Object> comparator() {
        return KeyOrder.INSTANCE;
    }

    @Override
    public Object entryKey(Object entry) {
        return ((Map.Entry<?, ?>) entry).getKey();
    }

    @Override
    public ISeq seq(boolean ascending) {
        return merged(null, false, ascending);
    }

    @Override
    public ISeq seqFrom(Object key, boolean ascending) {
        return merged(key, true, ascending);
    }

    /** The entries, ascending or descending, from a key (inclusive) or from the end: stored entries merged with the overlay. */
    private ISeq merged(Object from, boolean hasFrom, boolean ascending) {
        Iterator<Object[]> stored = cleared ? java.util.Collections.emptyIterator()
                : store.entries(prefix, hasFrom ? KeyCodec.encode(from) : null, ascending, valueSchema);
        ISeq over = hasFrom ? overlay.seqFrom(from, ascending) : overlay.seq(ascending);
        MergeSeq s = new MergeSeq(stored, over, ascending);
        return s.empty ? null : s;
    }

    /** A lazy seq merging stored entries (key order) with overlay entries, the overlay winning, deleted keys dropped. */
    private static final class MergeSeq extends ASeq {
        private static final long serialVersionUID = 1L;
        private final Iterator<Object[]> stored;
        private final boolean ascending;
        private Object[] storedHead;
        private ISeq over;
        private IMapEntry first;
        private ISeq rest;
        private boolean restComputed;
        final boolean empty;

        MergeSeq(Iterator<Object[]> stored, ISeq over, boolean ascending) {
            this.stored = stored;
            this.ascending = ascending;
            this.over = over;
            this.storedHead = stored.hasNext() ? stored.next() : null;
            this.first = advance();
            this.empty = first == null;
        }

        private MergeSeq(MergeSeq from) {
            this.stored = from.stored;
            this.ascending = from.ascending;
            this.storedHead = from.storedHead;
            this.over = from.over;
            this.first = advance();
            this.empty = first == null;
        }

        private IMapEntry advance() {
            while (storedHead != null || over != null) {
                Map.Entry<?, ?> o = over == null ? null : (Map.Entry<?, ?>) over.first();
                int c;
                if (storedHead == null) {
                    c = 1;
                } else if (o == null) {
                    c = -1;
                } else {
                    c = KeyOrder.INSTANCE.compare(storedHead[0], o.getKey());
                    if (!ascending) {
                        c = -c;
                    }
                }
                if (c < 0) {
                    Object[] e = storedHead;
                    storedHead = stored.hasNext() ? stored.next() : null;
                    return MapEntry.create(e[0], e[1]);
                }
                if (c == 0) {
                    storedHead = stored.hasNext() ? stored.next() : null;
                }
                over = over.next();
                if (o.getValue() != DELETED) {
                    return MapEntry.create(o.getKey(), o.getValue());
                }
            }
            return null;
        }

        @Override
        public Object first() {
            return first;
        }

        @Override
        public ISeq next() {
            if (!restComputed) {
                MergeSeq n = new MergeSeq(this);
                rest = n.empty ? null : n;
                restComputed = true;
            }
            return rest;
        }

        @Override
        public Obj withMeta(IPersistentMap meta) {
            throw new UnsupportedOperationException("a stored map's entries take no metadata");
        }
    }

    // ------------------------------------------------------------------------------ commit

    /** Adds the writes that make the stored entries equal this view. */
    @Override
    public void flush(RocksStructures.Batch batch) {
        if (cleared) {
            batch.deleteChildren(prefix);
        }
        for (ISeq s = overlay.seq(); s != null; s = s.next()) {
            Map.Entry<?, ?> e = (Map.Entry<?, ?>) s.first();
            byte[] kb = keyBytes(e.getKey());
            Object v = e.getValue();
            if (v == DELETED) {
                batch.delete(kb);
                batch.deleteChildren(kb);
            } else if (kind == SET) {
                batch.put(kb, store.setElement(e.getKey()));
            } else {
                store.write(batch, kb, e.getKey(), v, valueSchema);
            }
        }
        if (trackSize && (cleared || overlay.count() > 0)) {
            batch.putSize(prefix, cleared ? count() : store.size(prefix) + sizeDelta);
        }
    }

    /**
     * The changed entries checked against the schema (the stored ones were checked when written);
     * with {@code previous} a checked view of the same entries this one was derived from, only the
     * overlay entries outside the subtrees the two overlays share.
     */
    @Override
    public StoredStructure checkChanges(SchemaCheck.Checker check, Object where, Object previous) {
        StoredMap prev = entriesOf(previous);
        PersistentTreeMap[] checked = {overlay};
        if (prev != null && prev.store == store && prev.kind == kind && prev.cleared == cleared
                && Arrays.equals(prev.prefix, prefix) && TreeDiff.AVAILABLE) {
            if (prev.overlay == overlay) {
                return this;
            }
            TreeDiff.changed(prev.overlay, overlay, (k, v) -> {
                Object before = prev.overlay.valAt(k, DELETED);
                if (before != v) {
                    checkEntry(check, where, k, v, before == DELETED ? null : before, checked);
                }
            });
        } else {
            for (ISeq s = overlay.seq(); s != null; s = s.next()) {
                Map.Entry<?, ?> e = (Map.Entry<?, ?>) s.first();
                checkEntry(check, where, e.getKey(), e.getValue(), null, checked);
            }
        }
        return checked[0] == overlay ? this
                : new StoredMap(store, kind, prefix, keySchema, valueSchema, trackSize, checked[0], cleared, sizeDelta);
    }

    private void checkEntry(SchemaCheck.Checker check, Object where, Object key, Object v, Object before,
            PersistentTreeMap[] checked) {
        if (kind == SET) {
            if (v != DELETED) {
                check.check(keySchema, key, "an element of " + where, null);
            }
            return;
        }
        if (kind == MAP) {
            check.check(keySchema, key, "a key of " + where, null);
        }
        if (v != DELETED) {
            Object c = check.check(valueSchema, v, (kind == LIST ? "element " + key : "the value at key " + key)
                    + " of " + where, before);
            if (c != v) {
                checked[0] = checked[0].assoc(key, c);
            }
        }
    }

    @Override
    public boolean hasSchema(SchemaIR schema) {
        return kind == MAP && schema instanceof SchemaIR.MapSchema && ((SchemaIR.MapSchema) schema).key().equals(keySchema)
                && ((SchemaIR.MapSchema) schema).value().equals(valueSchema);
    }

    /** The entries as a plain sorted map (reads everything). */
    @Override
    public Object materialize() {
        IPersistentMap out = emptyOverlay();
        for (ISeq s = seq(); s != null; s = s.next()) {
            Map.Entry<?, ?> e = (Map.Entry<?, ?>) s.first();
            Object v = e.getValue();
            out = out.assoc(e.getKey(), v instanceof StoredStructure ? ((StoredStructure) v).materialize() : v);
        }
        return out;
    }

    @Override
    public List<Object> changedKeysSince(StoredStructure earlier) {
        StoredMap e = entriesOf(earlier);
        if (e == null || e.store != store || e.kind != kind || e.cleared != cleared || !Arrays.equals(e.prefix, prefix)) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        if (e.overlay == overlay) {
            return out;
        }
        // both overlays are sorted by KeyOrder: merge them
        ISeq a = e.overlay.seq();
        ISeq b = overlay.seq();
        while (a != null || b != null) {
            Object ka = a == null ? null : ((Map.Entry<?, ?>) a.first()).getKey();
            Object kb = b == null ? null : ((Map.Entry<?, ?>) b.first()).getKey();
            int c = a == null ? 1 : b == null ? -1 : KeyOrder.INSTANCE.compare(ka, kb);
            if (c <= 0) {
                out.add(ka);
                a = a.next();
                if (c == 0) {
                    b = b.next();
                }
            } else {
                out.add(kb);
                b = b.next();
            }
        }
        return out;
    }

    /** The entries behind a stored view, or null for anything else. */
    static StoredMap entriesOf(Object value) {
        if (value instanceof StoredMap) {
            return (StoredMap) value;
        }
        if (value instanceof StoredSet) {
            return ((StoredSet) value).elements;
        }
        if (value instanceof StoredList) {
            return ((StoredList) value).elements;
        }
        return null;
    }

    /** Serialized (a value leaving the task), a stored map is its entries. */
    private Object writeReplace() {
        return materialize();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public String toString() {
        return printed("StoredMap", seq());
    }

    /** A stored view's printed form: its name and its first ten items (reading no more). */
    static String printed(String name, ISeq items) {
        List<Object> head = new ArrayList<>();
        int i = 0;
        for (ISeq s = items; s != null && i < 10; s = s.next(), i++) {
            head.add(s.first());
        }
        return name + head + (i == 10 ? "..." : "");
    }

    /** For RocksStructures: iterate raw entries under a prefix. */
    static boolean startsWith(byte[] key, byte[] prefix) {
        if (key.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (key[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
