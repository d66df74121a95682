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

    private SchemaIR.Migrated migratedIr(String option) {
        if (!(ir instanceof SchemaIR.Migrated)) {
            throw new IllegalArgumentException(option + " is an option of PState.migrated(...), not of " + ir);
        }
        return (SchemaIR.Migrated) ir;
    }

    private static java.util.List<String> keyNames(Object[] keys, String option) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (Object k : keys) {
            if (k instanceof String) {
                out.add((String) k);
            } else if (k instanceof clojure.lang.Named) {
                out.add(((clojure.lang.Named) k).getName());
            } else {
                throw new IllegalArgumentException(option + ": a fixed key is a string or a keyword, got " + k);
            }
        }
        return out;
    }

    private static SchemaIR.FixedKeys fixedKeysOf(SchemaIR.Migrated m, String option) {
        if (!(m.schema() instanceof SchemaIR.FixedKeys)) {
            throw new IllegalArgumentException(option + ": migration " + m.migrationId()
                    + " migrates to " + m.schema() + ", not to a fixedKeysSchema");
        }
        return (SchemaIR.FixedKeys) m.schema();
    }

    @Override
    public PState.MigratedSchema addFixedKeys(Object... keys) {
        SchemaIR.Migrated m = migratedIr("addFixedKeys");
        SchemaIR.FixedKeys fk = fixedKeysOf(m, "addFixedKeys");
        java.util.List<String> names = keyNames(keys, "addFixedKeys");
        for (String k : names) {
            if (!fk.keys().containsKey(k)) {
                throw new IllegalArgumentException("addFixedKeys: migration " + m.migrationId() + " adds key " + k
                        + ", which its new schema does not declare (keys: " + fk.keys().keySet() + ")");
            }
        }
        java.util.List<String> all = new java.util.ArrayList<>(m.addedKeys());
        all.addAll(names);
        return new SchemaBuilder(new SchemaIR.Migrated(m.schema(), m.migrationId(), m.fn(), all, m.removedKeys(),
                m.toSubindexed()));
    }

    @Override
    public PState.MigratedSchema removeFixedKeys(Object... keys) {
        SchemaIR.Migrated m = migratedIr("removeFixedKeys");
        SchemaIR.FixedKeys fk = fixedKeysOf(m, "removeFixedKeys");
        java.util.List<String> names = keyNames(keys, "removeFixedKeys");
        for (String k : names) {
            if (fk.keys().containsKey(k)) {
                throw new IllegalArgumentException("removeFixedKeys: migration " + m.migrationId() + " removes key " + k
                        + ", which its new schema still declares");
            }
        }
        java.util.List<String> all = new java.util.ArrayList<>(m.removedKeys());
        all.addAll(names);
        return new SchemaBuilder(new SchemaIR.Migrated(m.schema(), m.migrationId(), m.fn(), m.addedKeys(), all,
                m.toSubindexed()));
    }

    @Override
    public PState.MigratedSchema migrateToSubindexed() {
        SchemaIR.Migrated m = migratedIr("migrateToSubindexed");
        SchemaIR s = m.schema();
        boolean subindexed = s instanceof SchemaIR.MapSchema && ((SchemaIR.MapSchema) s).subindex() != null
                || s instanceof SchemaIR.SetSchema && ((SchemaIR.SetSchema) s).subindex() != null
                || s instanceof SchemaIR.ListSchema && ((SchemaIR.ListSchema) s).subindex() != null;
        if (!subindexed) {
            throw new IllegalArgumentException("migrateToSubindexed: migration " + m.migrationId() + " migrates to " + s
                    + ", which is not subindexed");
        }
        return new SchemaBuilder(new SchemaIR.Migrated(m.schema(), m.migrationId(), m.fn(), m.addedKeys(),
                m.removedKeys(), true));
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
