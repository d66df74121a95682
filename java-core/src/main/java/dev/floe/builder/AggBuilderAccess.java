package dev.floe.builder;

import dev.floe.Agg;
import dev.floe.ir.AggSpec;

/** Access to the IR of an {@link Agg} from other packages of Floe. */
public final class AggBuilderAccess {
    private AggBuilderAccess() {}

    /** The IR of an aggregator. */
    public static AggSpec spec(Agg agg) {
        return ((AggBuilder) agg).toSpec();
    }
}
