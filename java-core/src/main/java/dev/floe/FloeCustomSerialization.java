package dev.floe;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A custom serializer for a type Floe does not serialize itself (Thrift classes, …), registered
 * through {@code InProcessCluster.create(List.of(MySerialization.class))} or the
 * {@code custom.serializations} option. Implementations have a public no-arg constructor.
 *
 * @param <T> the serialized type
 */
public interface FloeCustomSerialization<T> {
    /** Writes a value. */
    void serialize(T obj, DataOutput out) throws IOException;

    /** Reads a value written by {@link #serialize}. */
    T deserialize(DataInput in) throws IOException;

    /** The type this serializer handles (and its subclasses). */
    Class<T> targetType();
}
