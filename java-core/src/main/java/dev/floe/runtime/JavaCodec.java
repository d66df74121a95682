package dev.floe.runtime;

import dev.floe.FloeCustomSerialization;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.List;

/**
 * Java serialization (Clojure's persistent collections, keywords and records, java.util
 * collections, boxed values and {@code FloeSerializable} classes all support it), with the
 * registered {@link FloeCustomSerialization}s taking over their types. Classes resolve through the
 * class loader that loaded the module. The storage issue replaces this with Floe's compact codec
 * behind the same interface.
 */
public final class JavaCodec implements Codec {
    private final List<FloeCustomSerialization<?>> customs;
    private final ClassLoader loader;

    public JavaCodec(List<FloeCustomSerialization<?>> customs, ClassLoader loader) {
        this.customs = List.copyOf(customs);
        this.loader = loader;
    }

    /** A value written by a custom serialization: which one, and its bytes. */
    private record Custom(int serializer, byte[] bytes) implements Serializable {}

    @Override
    public byte[] encode(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new Out(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("cannot serialize a value of class " + e.getMessage()
                    + ": make it FloeSerializable (java.io.Serializable) or register a FloeCustomSerialization for it", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialize " + describe(value) + ": " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    @Override
    public Object decode(byte[] bytes) {
        try (ObjectInputStream in = new In(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalArgumentException("cannot deserialize a value: " + e, e);
        }
    }

    private static String describe(Object v) {
        return v == null ? "null" : "a " + v.getClass().getName();
    }

    private final class Out extends ObjectOutputStream {
        Out(OutputStream out) throws IOException {
            super(out);
            enableReplaceObject(!customs.isEmpty());
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        protected Object replaceObject(Object obj) throws IOException {
            if (obj == null || obj instanceof Custom) {
                return obj;
            }
            for (int i = 0; i < customs.size(); i++) {
                FloeCustomSerialization c = customs.get(i);
                if (c.targetType().isInstance(obj)) {
                    ByteArrayOutputStream b = new ByteArrayOutputStream();
                    try (DataOutputStream d = new DataOutputStream(b)) {
                        c.serialize(obj, d);
                    }
                    return new Custom(i, b.toByteArray());
                }
            }
            return obj;
        }
    }

    private final class In extends ObjectInputStream {
        In(InputStream in) throws IOException {
            super(in);
            enableResolveObject(true);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(desc.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                try {
                    return super.resolveClass(desc);
                } catch (ClassNotFoundException e2) {
                    try {
                        // functions and records Clojure compiled at run time live in its dynamic loader
                        return clojure.lang.RT.classForName(desc.getName(), false, loader);
                    } catch (RuntimeException | LinkageError e3) { // RT rethrows ClassNotFoundException unchecked
                        throw e2;
                    }
                }
            }
        }

        @Override
        protected Object resolveObject(Object obj) throws IOException {
            if (obj instanceof Custom) {
                Custom c = (Custom) obj;
                try (DataInputStream d = new DataInputStream(new ByteArrayInputStream(c.bytes()))) {
                    return customs.get(c.serializer()).deserialize(d);
                }
            }
            if (obj instanceof Boolean) {
                // Java serialization makes a new Boolean; Clojure treats any Boolean but Boolean.FALSE
                // itself as true, so a false that crossed a task must be the canonical one
                return Boolean.valueOf((Boolean) obj);
            }
            return obj;
        }
    }
}
