package dev.floe.store;

import dev.floe.ir.ModuleIR;
import dev.floe.ir.SchemaIR;
import dev.floe.ops.OpsContext;
import dev.floe.specter.Nav;
import dev.floe.specter.Specter;
import org.rocksdb.WriteBatch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A task's partition of a PState in the task's RocksDB. A PState whose top level is a map is a
 * {@link StoredMap} over the column family: a write changes an overlay, reads go to RocksDB for
 * what the overlay does not hold, and a commit turns the overlay into one atomic write batch with
 * the task's other PStates ({@link RocksTaskStore#commit}). Any other PState (a class, a list, a
 * set, a fixed-keys record) is one value stored whole in one cell.
 *
 * <p>The committed version is what RocksDB holds: readers other than the owning topology (clients,
 * other topologies, mirrors) read it directly, and never see an uncommitted write. Values leaving
 * through {@link #selectCommitted} are plain values: a stored map is read whole into a sorted map.
 */
public final class RocksPState implements PStatePartition, OpsContext.PStateValue {
    private static final byte[] CELL = "value".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ROOT = new byte[0];

    final RocksTaskStore store;
    private final RocksStructures structures;
    private final String name;
    private final SchemaIR schema;
    private final Object declaredInitial;
    /** Top level is a map: stored one entry per key. */
    private final boolean mapped;
    /** The owning topology's version (a StoredMap for a mapped PState). */
    private Object working;
    /** A cell PState's committed value; a mapped PState's committed view (a StoredMap without overlay). */
    private volatile Object committed;

    RocksPState(RocksTaskStore store, RocksStructures structures, ModuleIR.PStateDecl decl) {
        this.store = store;
        this.structures = structures;
        this.name = decl.name();
        this.schema = decl.schema();
        this.declaredInitial = decl.hasInitialValue() ? decl.initialValue() : null;
        SchemaIR top = RocksStructures.unwrap(schema);
        this.mapped = top instanceof SchemaIR.MapSchema;
        reload();
    }

    /** Reads the committed data again (after a write that bypassed this partition); drops the working version. */
    void reload() {
        if (mapped) {
            committed = rootView();
        } else {
            byte[] stored = structures.get(CELL);
            committed = stored != null ? structures.decodeCell(stored)
                    : SchemaCheck.check(name, schema, SchemaCheck.initialValue(schema, declaredInitial), true);
        }
        working = committed;
    }

    private StoredMap rootView() {
        SchemaIR.MapSchema ms = (SchemaIR.MapSchema) RocksStructures.unwrap(schema);
        return new StoredMap(structures, ROOT, ms, true);
    }

    // ------------------------------------------------------------------------------ the owning topology

    @Override
    public List<Object> select(Nav path) {
        @SuppressWarnings("unchecked")
        List<Object> l = (List<Object>) (Object) Specter.select(path, working);
        return l;
    }

    @Override
    public void transform(Nav path) {
        setValue(Specter.multiTransform(path, working));
    }

    @Override
    public Object value() {
        return working;
    }

    @Override
    public void setValue(Object newValue) {
        if (newValue == working) {
            return;
        }
        Object checked = SchemaCheck.checkUpdate(name, schema, working, newValue);
        if (!mapped) {
            working = checked;
            return;
        }
        if (checked instanceof StoredMap && ((StoredMap) checked).store == structures
                && ((StoredMap) checked).prefix.length == 0) {
            working = checked;
            return;
        }
        if (checked == null) {
            throw new SchemaViolation("PState " + name + ": the whole value cannot be nil (its schema is a map)");
        }
        // a new map replaces the whole PState when it commits
        clojure.lang.IPersistentMap replaced = rootView().emptyCleared();
        for (Object o : (Iterable<?>) checked) {
            java.util.Map.Entry<?, ?> e = (java.util.Map.Entry<?, ?>) o;
            replaced = replaced.assoc(e.getKey(), e.getValue());
        }
        working = replaced;
    }

    @Override
    public void clear() {
        if (mapped) {
            working = rootView().emptyCleared();
        } else {
            working = SchemaCheck.check(name, schema, SchemaCheck.initialValue(schema, declaredInitial), true);
        }
    }

    @Override
    public Object extractValue() {
        return working;
    }

    @Override
    public String name() {
        return name;
    }

    // ------------------------------------------------------------------------------ everyone else

    @Override
    public List<Object> selectCommitted(Nav path) {
        @SuppressWarnings("unchecked")
        List<Object> l = (List<Object>) (Object) Specter.select(path, committed);
        List<Object> out = null;
        for (int i = 0; i < l.size(); i++) {
            if (l.get(i) instanceof StoredStructure) {
                if (out == null) {
                    out = new ArrayList<>(l);
                }
                out.set(i, ((StoredStructure) l.get(i)).materialize());
            }
        }
        return out == null ? l : out;
    }

    @Override
    public Object committedValue() {
        return committed;
    }

    // ------------------------------------------------------------------------------ commits

    /** Commits this partition alone (a task's commits of several PStates go through {@link RocksTaskStore#commit}). */
    @Override
    public void commit() {
        store.commit(List.of(this));
    }

    @Override
    public void rollback() {
        working = committed;
    }

    /** True when the working version differs from the committed one. */
    boolean dirty() {
        if (mapped) {
            return working != committed && !((StoredMap) working).unchanged();
        }
        return working != committed;
    }

    /** Adds this partition's changes to a task's commit batch. */
    void flushInto(WriteBatch wb) {
        if (!dirty()) {
            return;
        }
        RocksStructures.Batch batch = structures.batch(wb);
        if (mapped) {
            ((StoredMap) working).flush(batch);
        } else {
            batch.put(CELL, structures.encodeCell(working));
        }
    }

    /** The batch was written: the working version is now the committed one. */
    void committed() {
        if (mapped) {
            if (working != committed) {
                StoredMap fresh = rootView();
                committed = fresh;
                working = fresh;
            }
        } else {
            committed = working;
        }
    }
}
