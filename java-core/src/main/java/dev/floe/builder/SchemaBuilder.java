package dev.floe.builder;

import dev.floe.PState;
import dev.floe.SubindexOptions;
import dev.floe.ir.FnRef;
import dev.floe.ir.SchemaIR;
import dev.floe.ops.FloeFunction1;

import java.util.LinkedHashMap;
import java.util.Map;

/** The immutable implementation of {@link PState.Schema}: a {@link SchemaIR}. */
public final class SchemaBuilder implements PState.MigratedSchema {
    private final SchemaIR ir;

    private SchemaBuilder(SchemaIR ir) {
        this.ir = ir;
    }

    /** The IR of a schema given as a class or a schema. */
    public static SchemaIR toIR(Object classOrSchema) {
        if (classOrSchema instanceof Class) {
            return new SchemaIR.ClassSchema(((Class<?>) classOrSchema).getName());
        }
        if (classOrSchema instanceof SchemaBuilder) {
            return ((SchemaBuilder) classOrSchema).ir;
        }
        throw new IllegalArgumentException("expected a class or a PState schema, got " + classOrSchema);
    }

    public static PState.Schema of(Class<?> c) {
        return new SchemaBuilder(new SchemaIR.ClassSchema(c.getName()));
    }

    public static PState.Schema map(PState.Schema key, PState.Schema value) {
        return new SchemaBuilder(new SchemaIR.MapSchema(toIR(key), toIR(value), null));
    }

    public static PState.Schema list(PState.Schema element) {
        return new SchemaBuilder(new SchemaIR.ListSchema(toIR(element), null));
    }

    public static PState.Schema set(PState.Schema element) {
        return new SchemaBuilder(new SchemaIR.SetSchema(toIR(element), null));
    }

    public static PState.Schema fixedKeys(Object[] keysAndSchemas) {
        if (keysAndSchemas.length % 2 != 0) {
            throw new IllegalArgumentException("fixedKeysSchema takes alternating keys and schemas");
        }
        Map<String, SchemaIR> keys = new LinkedHashMap<>();
        for (int i = 0; i < keysAndSchemas.length; i += 2) {
            if (!(keysAndSchemas[i] instanceof String)) {
                throw new IllegalArgumentException("fixedKeysSchema keys are strings, got " + keysAndSchemas[i]);
            }
            keys.put((String) keysAndSchemas[i], toIR(keysAndSchemas[i + 1]));
        }
        return new SchemaBuilder(new SchemaIR.FixedKeys(keys));
    }

    public static PState.MigratedSchema migrated(Object newSchema, String id, FloeFunction1<?, ?> fn) {
        return new SchemaBuilder(new SchemaIR.Migrated(toIR(newSchema), id, FnRef.of(fn)));
    }

    @Override
    public PState.Schema subindexed() {
        return subindexed(SubindexOptions.create());
    }

    @Override
    public PState.Schema subindexed(SubindexOptions options) {
        boolean track = ((SubindexOptions.CapturedSubindexOptions) options).isSizeTracked();
        SchemaIR.Subindex si = new SchemaIR.Subindex(track);
        if (ir instanceof SchemaIR.MapSchema) {
            SchemaIR.MapSchema m = (SchemaIR.MapSchema) ir;
            return new SchemaBuilder(new SchemaIR.MapSchema(m.key(), m.value(), si));
        }
        if (ir instanceof SchemaIR.ListSchema) {
            if (!track) {
                throw new IllegalArgumentException("size tracking cannot be turned off for a subindexed list");
            }
            return new SchemaBuilder(new SchemaIR.ListSchema(((SchemaIR.ListSchema) ir).element(), si));
        }
        if (ir instanceof SchemaIR.SetSchema) {
            return new SchemaBuilder(new SchemaIR.SetSchema(((SchemaIR.SetSchema) ir).element(), si));
        }
        throw new IllegalArgumentException("only map, list and set schemas can be subindexed, not " + ir);
    }

    @Override
    public String toString() {
        return ir.toString();
    }
}
