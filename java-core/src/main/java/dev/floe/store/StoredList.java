package dev.floe.store;

import clojure.lang.APersistentMap;
import clojure.lang.APersistentVector;
import clojure.lang.IPersistentCollection;
import clojure.lang.IPersistentVector;
import clojure.lang.ISeq;
import clojure.lang.PersistentVector;
import dev.floe.ir.SchemaIR;

import java.util.Iterator;

/**
 * A subindexed list stored in RocksDB one element per index, seen as a Clojure persistent vector:
 * {@code nth} is a point lookup, iteration streams the elements in order, {@code count} reads the
 * tracked size (a list always tracks its size: its indices depend on it). Appending
 * ({@code cons}), replacing an element ({@code assocN}) and removing the last one ({@code pop})
 * make a new view with the change in an overlay that the commit writes; any other change (an
 * insert at the front, a removed range) builds a plain list that replaces the stored elements.
 */
public final class StoredList extends APersistentVector implements StoredStructure {
    private static final long serialVersionUID = 1L;

    /** Long index → element entries under the list's prefix. */
    final StoredMap elements;
    final SchemaIR.ListSchema schema;

    StoredList(StoredMap elements, SchemaIR.ListSchema schema) {
        this.elements = elements;
        this.schema = schema;
    }

    @Override
    public int count() {
        return elements.count();
    }

    @Override
    public Object nth(int i) {
        if (i < 0 || i >= count()) {
            throw new IndexOutOfBoundsException("index " + i + " of a list of " + count());
        }
        return elements.valAt((long) i);
    }

    @Override
    public IPersistentVector cons(Object o) {
        return new StoredList((StoredMap) elements.assoc((long) count(), o), schema);
    }

    @Override
    public IPersistentVector assocN(int i, Object val) {
        int n = count();
        if (i == n) {
            return cons(val);
        }
        if (i < 0 || i > n) {
            throw new IndexOutOfBoundsException("index " + i + " of a list of " + n);
        }
        return new StoredList((StoredMap) elements.assoc((long) i, val), schema);
    }

    @Override
    public IPersistentVector pop() {
        int n = count();
        if (n == 0) {
            throw new IllegalStateException("Can't pop empty vector");
        }
        return new StoredList((StoredMap) elements.without((long) (n - 1)), schema);
    }

    /** An empty vector (a plain value: a list built from it replaces this one at commit). */
    @Override
    public IPersistentCollection empty() {
        return PersistentVector.EMPTY;
    }

    @Override
    public ISeq seq() {
        return APersistentMap.ValSeq.create(elements.seq(true));
    }

    @Override
    public ISeq rseq() {
        return APersistentMap.ValSeq.create(elements.seq(false));
    }

    @Override
    public Iterator<Object> iterator() {
        Iterator<Object> entries = elements.iterator();
        return new Iterator<Object>() {
            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public Object next() {
                return ((java.util.Map.Entry<?, ?>) entries.next()).getValue();
            }
        };
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
        return checked == elements ? this : new StoredList(checked, schema);
    }

    @Override
    public boolean hasSchema(SchemaIR s) {
        return s instanceof SchemaIR.ListSchema && ((SchemaIR.ListSchema) s).element().equals(schema.element());
    }

    /** The elements as a plain vector (reads everything). */
    @Override
    public Object materialize() {
        IPersistentVector out = PersistentVector.EMPTY;
        for (Object v : this) {
            out = out.cons(v instanceof StoredStructure ? ((StoredStructure) v).materialize() : v);
        }
        return out;
    }

    /** Serialized (a value leaving the task), a stored list is its elements. */
    private Object writeReplace() {
        return materialize();
    }

    @Override
    public String toString() {
        return StoredMap.printed("StoredList", seq());
    }
}
