package dev.floe.store;

import clojure.lang.APersistentMap;
import clojure.lang.APersistentSet;
import clojure.lang.IPersistentCollection;
import clojure.lang.IPersistentSet;
import clojure.lang.ISeq;
import clojure.lang.PersistentTreeSet;
import clojure.lang.Sorted;
import dev.floe.ir.SchemaIR;

import java.util.Comparator;

/**
 * A subindexed set stored in RocksDB one element per key, seen as a Clojure persistent sorted set:
 * {@code contains} is a point lookup, iteration streams the elements in key order, the sorted-set
 * range navigators seek, and {@code count} reads a tracked size (or counts, without size
 * tracking). {@code cons} and {@code disjoin} make a new view with the change in an overlay that
 * the commit writes; a set built from scratch replaces the stored elements.
 */
public final class StoredSet extends APersistentSet implements Sorted, StoredStructure {
    private static final long serialVersionUID = 1L;

    /** Element → element entries under the set's prefix. */
    final StoredMap elements;
    final SchemaIR.SetSchema schema;

    StoredSet(StoredMap elements, SchemaIR.SetSchema schema) {
        super(elements);
        this.elements = elements;
        this.schema = schema;
    }

    @Override
    public IPersistentSet disjoin(Object key) {
        StoredMap m = (StoredMap) elements.without(key);
        return m == elements ? this : new StoredSet(m, schema);
    }

    @Override
    public IPersistentSet cons(Object o) {
        if (elements.containsKey(o)) {
            return this;
        }
        return new StoredSet((StoredMap) elements.assoc(o, o), schema);
    }

    /** An empty sorted set (a plain value: a set built from it replaces this one at commit). */
    @Override
    public IPersistentCollection empty() {
        return PersistentTreeSet.create(KeyOrder.INSTANCE, null);
    }

    @Override
    public Comparator<Object> comparator() {
        return KeyOrder.INSTANCE;
    }

    @Override
    public Object entryKey(Object entry) {
        return entry;
    }

    @Override
    public ISeq seq() {
        return APersistentMap.KeySeq.create(elements.seq(true));
    }

    @Override
    public ISeq seq(boolean ascending) {
        return APersistentMap.KeySeq.create(elements.seq(ascending));
    }

    @Override
    public ISeq seqFrom(Object key, boolean ascending) {
        return APersistentMap.KeySeq.create(elements.seqFrom(key, ascending));
    }

    @Override
    public java.util.List<Object> changedKeysSince(StoredStructure earlier) {
        return elements.changedKeysSince(earlier);
    }

    @Override
    public void flush(RocksStructures.Batch batch) {
        elements.flush(batch);
    }

    @Override
    public StoredStructure checkChanges(SchemaCheck.Checker check, Object where, Object previous) {
        StoredMap checked = (StoredMap) elements.checkChanges(check, where, StoredMap.entriesOf(previous));
        return checked == elements ? this : new StoredSet(checked, schema);
    }

    @Override
    public boolean hasSchema(SchemaIR s) {
        return s instanceof SchemaIR.SetSchema && ((SchemaIR.SetSchema) s).element().equals(schema.element());
    }

    /** The elements as a plain sorted set (reads everything). */
    @Override
    public Object materialize() {
        IPersistentSet out = PersistentTreeSet.create(KeyOrder.INSTANCE, null);
        for (ISeq s = seq(); s != null; s = s.next()) {
            out = (IPersistentSet) out.cons(s.first());
        }
        return out;
    }

    /** Serialized (a value leaving the task), a stored set is its elements. */
    private Object writeReplace() {
        return materialize();
    }

    @Override
    public String toString() {
        return StoredMap.printed("StoredSet", seq());
    }
}
