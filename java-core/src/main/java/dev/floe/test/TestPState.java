package dev.floe.test;

import dev.floe.Path;
import dev.floe.PState;
import dev.floe.builder.SchemaBuilder;
import dev.floe.path.PathImpl;
import dev.floe.specter.PathException;
import dev.floe.store.MemoryPState;

import java.util.List;

/**
 * A stand-alone PState for unit tests: select and transform it with paths, or bind it to a PState
 * var in {@code Block.execute()} code with {@code each(Ops.IDENTITY, testPState).out("$$p")}.
 * Writes are validated against its schema, as in a module.
 */
public final class TestPState extends MemoryPState implements AutoCloseable {
    private boolean closed;

    private TestPState(PState.Schema schema) {
        super("TestPState", SchemaBuilder.toIR(schema), null);
    }

    private TestPState(Class<?> valueClass) {
        super("TestPState", SchemaBuilder.toIR(valueClass), null);
    }

    /** A test PState whose whole value is of a class (starts as null). */
    public static TestPState create(Class<?> valueClass) {
        return new TestPState(valueClass);
    }

    /** A test PState with a schema (a map schema starts as an empty sorted map). */
    public static TestPState create(PState.Schema schema) {
        return new TestPState(schema);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("TestPState is closed");
        }
    }

    /** Every value the path navigates to. */
    public <T> List<T> select(Path path) {
        checkOpen();
        @SuppressWarnings("unchecked")
        List<T> l = (List<T>) (List<?>) select(((PathImpl) path).compiled().nav());
        return l;
    }

    /** The single value the path navigates to (null when a key is missing); more than one fails. */
    public <T> T selectOne(Path path) {
        List<T> values = select(path);
        if (values.size() > 1) {
            throw new PathException("selectOne: " + path + " navigated to " + values.size() + " values");
        }
        if (values.isEmpty()) {
            throw new PathException("selectOne: " + path + " navigated to no value");
        }
        return values.get(0);
    }

    /** Transforms with a path ending in term, termVal or termVoid. */
    public void transform(Path path) {
        checkOpen();
        transform(((PathImpl) path).compiled().nav());
    }

    @Override
    public void close() {
        closed = true;
    }
}
