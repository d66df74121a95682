package dev.floe.ops;

import dev.floe.specter.Specter;

import java.io.Serializable;

/**
 * The aggregator that removes: in a {@code CompoundAgg.map} template ({@code Agg.none()}, Clojure's
 * {@code aggs/+NONE}) the entry at its key is removed from the map holding it, as a path's
 * {@code termVoid} would. Its value is {@link Specter#NONE}, which a template never stores.
 */
public final class NoneAgg implements FloeAccumulatorAgg0<Object>, Serializable {
    private static final long serialVersionUID = 1L;

    /** The one instance. */
    public static final NoneAgg INSTANCE = new NoneAgg();

    private NoneAgg() {}

    @Override
    public Object accumulate(Object currVal) {
        return Specter.NONE;
    }

    @Override
    public Object initVal() {
        return Specter.NONE;
    }

    private Object readResolve() {
        return INSTANCE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoneAgg;
    }

    @Override
    public int hashCode() {
        return NoneAgg.class.hashCode();
    }

    @Override
    public String toString() {
        return "NONE";
    }
}
