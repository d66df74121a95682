package dev.floe.store;

import dev.floe.ir.SchemaIR;
import dev.floe.ops.OpsContext;
import dev.floe.specter.Nav;
import dev.floe.specter.Specter;

import java.util.List;

/**
 * A PState partition held in memory as one persistent value, validated against its schema on
 * every write: a transform that produces a value the schema rejects changes nothing. Used by
 * TestPState and by temporary PStates; the durable store implements the same interface.
 */
public class MemoryPState implements PStatePartition, OpsContext.PStateValue {
    private final String name;
    private final SchemaIR schema;
    private final Object declaredInitial;
    private Object value;
    /** Volatile: other modules' tasks read committed data through mirrors, off this task's thread. */
    private volatile Object committed;

    public MemoryPState(String name, SchemaIR schema, Object declaredInitial) {
        this.name = name;
        this.schema = schema;
        this.declaredInitial = declaredInitial;
        this.value = SchemaCheck.check(name, schema, SchemaCheck.initialValue(schema, declaredInitial), true);
        this.committed = value;
    }

    @Override
    public List<Object> selectCommitted(Nav path) {
        @SuppressWarnings("unchecked")
        List<Object> l = (List<Object>) (Object) Specter.select(path, committed);
        return l;
    }

    @Override
    public Object committedValue() {
        return committed;
    }

    @Override
    public void commit() {
        committed = value;
    }

    @Override
    public void rollback() {
        value = committed;
    }

    @Override
    public List<Object> select(Nav path) {
        @SuppressWarnings("unchecked")
        List<Object> l = (List<Object>) (Object) Specter.select(path, value);
        return l;
    }

    @Override
    public void transform(Nav path) {
        setValue(Specter.multiTransform(path, value));
    }

    @Override
    public Object value() {
        return value;
    }

    @Override
    public void setValue(Object newValue) {
        value = SchemaCheck.checkUpdate(name, schema, value, newValue);
    }

    @Override
    public void clear() {
        value = SchemaCheck.check(name, schema, SchemaCheck.initialValue(schema, declaredInitial), true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Object extractValue() {
        return value;
    }

    /** The schema. */
    public SchemaIR schema() {
        return schema;
    }
}
