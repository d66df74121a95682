package dev.floe.builder;

import dev.floe.Depot;
import dev.floe.ir.FnRef;
import dev.floe.ir.ModuleIR;
import dev.floe.ops.FloeFunction1;

import java.io.ObjectStreamException;
import java.io.Serializable;

/** The built-in depot partitioners, as their IR. */
public final class DepotPartitioners {
    private DepotPartitioners() {}

    /** The tombstone of depot migrations. */
    public static final Object TOMBSTONE = Tombstone.INSTANCE;

    enum Tombstone implements Serializable {
        INSTANCE;

        @Override
        public String toString() {
            return "Depot.TOMBSTONE";
        }

        private Object readResolve() throws ObjectStreamException {
            return INSTANCE;
        }
    }

    /** A partitioner and its IR. */
    public static final class Spec implements Depot.Partitioner {
        final ModuleIR.DepotPartitioning ir;

        Spec(ModuleIR.DepotPartitioning ir) {
            this.ir = ir;
        }

        /** The IR. */
        public ModuleIR.DepotPartitioning ir() {
            return ir;
        }
    }

    public static Depot.Partitioner random() {
        return new Spec(new ModuleIR.DepotPartitioning(ModuleIR.DepotPartitioning.Kind.RANDOM, null, null));
    }

    public static Depot.Partitioner disallow() {
        return new Spec(new ModuleIR.DepotPartitioning(ModuleIR.DepotPartitioning.Kind.DISALLOW, null, null));
    }

    public static Depot.Partitioner hashBy(Class<? extends FloeFunction1<?, ?>> extractor) {
        try {
            return hashBy(extractor.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("Depot.hashBy needs a function class with a public no-arg constructor: "
                    + extractor.getName(), e);
        }
    }

    public static Depot.Partitioner hashBy(FloeFunction1<?, ?> extractor) {
        return new Spec(new ModuleIR.DepotPartitioning(ModuleIR.DepotPartitioning.Kind.HASH_BY, FnRef.of(extractor), null));
    }

    public static Depot.Partitioner hashBy(String mapKey) {
        return new Spec(new ModuleIR.DepotPartitioning(ModuleIR.DepotPartitioning.Kind.HASH_BY, null, mapKey));
    }

    /** A custom partitioner class. */
    public static ModuleIR.DepotPartitioning custom(Class<? extends Depot.Partitioning<?>> c) {
        try {
            return new ModuleIR.DepotPartitioning(ModuleIR.DepotPartitioning.Kind.CUSTOM,
                    FnRef.of(c.getDeclaredConstructor().newInstance()), null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("a custom depot partitioner needs a public no-arg constructor: "
                    + c.getName(), e);
        }
    }
}
