package dev.floe;

import dev.floe.builder.AggBuilder;
import dev.floe.ir.AggSpec;
import dev.floe.ops.AggOrCompoundAgg;
import dev.floe.ops.FloeAccumulatorAgg0;
import dev.floe.ops.FloeAccumulatorAgg1;
import dev.floe.ops.FloeAccumulatorAgg2;
import dev.floe.ops.FloeAccumulatorAgg3;
import dev.floe.ops.FloeAccumulatorAgg4;
import dev.floe.ops.FloeAccumulatorAgg5;
import dev.floe.ops.FloeAccumulatorAgg6;
import dev.floe.ops.FloeAccumulatorAgg7;
import dev.floe.ops.FloeAccumulatorAgg8;
import dev.floe.ops.FloeCombinerAgg;
import dev.floe.ops.TopMonotonicAgg;

/**
 * Aggregators, used with {@code agg} and {@code compoundAgg}: in batch blocks they aggregate
 * rows (and always emit, even for zero rows: count 0, sum 0, list [], set/map/last null); into
 * PStates they update the value in place, creating missing locations. {@code count} and
 * {@code sum} of integers produce a {@code Long}.
 */
public interface Agg extends AggOrCompoundAgg {
    /** Number of rows, as a Long. */
    static Agg count() {
        return AggBuilder.of(AggSpec.Kind.COUNT);
    }

    /** Sum: a Long for integers, a Double for floating point. */
    static Agg sum(Object arg) {
        return AggBuilder.of(AggSpec.Kind.SUM, arg);
    }

    /** Largest value (keeps its type; null with no rows). */
    static Agg max(Object arg) {
        return AggBuilder.of(AggSpec.Kind.MAX, arg);
    }

    /** Smallest value (keeps its type; null with no rows). */
    static Agg min(Object arg) {
        return AggBuilder.of(AggSpec.Kind.MIN, arg);
    }

    /** First value seen. */
    static Agg first(Object arg) {
        return AggBuilder.of(AggSpec.Kind.FIRST, arg);
    }

    /** Last value seen. */
    static Agg last(Object arg) {
        return AggBuilder.of(AggSpec.Kind.LAST, arg);
    }

    /** All values, in order, as a list. */
    static Agg list(Object arg) {
        return AggBuilder.of(AggSpec.Kind.LIST, arg);
    }

    /** All values as a set. */
    static Agg set(Object arg) {
        return AggBuilder.of(AggSpec.Kind.SET, arg);
    }

    /** Removes values from a set. */
    static Agg setRemove(Object arg) {
        return AggBuilder.of(AggSpec.Kind.SET_REMOVE, arg);
    }

    /** A map of keys to values (a later value for the same key wins). */
    static Agg map(Object keyArg, Object valArg) {
        return AggBuilder.of(AggSpec.Kind.MAP, keyArg, valArg);
    }

    /** Merges maps into one (a later value for the same key wins). */
    static Agg merge(Object arg) {
        return AggBuilder.of(AggSpec.Kind.MERGE, arg);
    }

    /** Counts occurrences of each value: a map of value to Long count. */
    static Agg multiSet(Object arg) {
        return AggBuilder.of(AggSpec.Kind.MULTI_SET, arg);
    }

    /** True when every value is truthy. */
    static Agg and(Object arg) {
        return AggBuilder.of(AggSpec.Kind.AND, arg);
    }

    /** True when any value is truthy. */
    static Agg or(Object arg) {
        return AggBuilder.of(AggSpec.Kind.OR, arg);
    }

    /** The best {@code amount} values, ranked and deduplicated (see {@link TopMonotonicAgg}). */
    static TopMonotonicAgg topMonotonic(int amount, Object arg) {
        return AggBuilder.top(amount, arg);
    }

    /** A custom combiner (associative; enables two-phase aggregation). */
    static Agg combiner(FloeCombinerAgg<?> combiner, Object arg) {
        return AggBuilder.custom(AggSpec.Kind.COMBINER, combiner, new Object[] {arg});
    }

    /**
     * Removes: in a {@code CompoundAgg.map} template, {@code CompoundAgg.map("*k", Agg.none())}
     * removes the entry at {@code *k} (Clojure's {@code aggs/+NONE}). Only valid in map templates.
     */
    static Agg none() {
        return AggBuilder.custom(AggSpec.Kind.ACCUMULATOR, dev.floe.ops.NoneAgg.INSTANCE, new Object[] {});
    }

    /** A custom accumulator of 0 arguments (sequential, order-dependent). */
    static <V> Agg accumulator(FloeAccumulatorAgg0<V> accumulator) {
        return AggBuilder.custom(AggSpec.Kind.ACCUMULATOR, accumulator, new Object[] {});
    }

    /** A custom accumulator of 1 argument (sequential, order-dependent). */
    static <V, T0> Agg accumulator(FloeAccumulatorAgg1<V, T0> accumulator, Object arg0) {
        return AggBuilder.custom(AggSpec.Kind.ACCUMULATOR, accumulator, new Object[] {arg0});
    }

    /** A custom accumulator of 2 arguments (sequential, order-dependent). */
    static <V, T0, T1> Agg accumulator(FloeAccumulatorAgg2<V, T0, T1> accumulator, Object arg0, Object arg1) {
        return AggBuilder.custom(AggSpec.Kind.ACCUMULATOR, accumulator, new Object[] {arg0, arg1});
    }

    /** A custom accumulator of 3 arguments (sequential, order-dependent). */
    static <V, T0, T1, T2> Agg accumulator(FloeAccumulatorAgg3<V, T0, T1, T2> accumulator, Object arg0, Object arg1, Object arg2) {
        return AggBuilder.custom(AggSpec.Kind.ACCUMULATOR, accumulator, new Object[] {arg0, arg1, arg2});
    }

    /** A custom accumulator of 4 arguments (sequential, order-dependent). */
    static <V, T0, T1, T2, T3> Agg accumulator(FloeAccumulatorAgg4<V, T0, T1, T2, T3> accumulator, Object arg0, Object arg1, Object arg2, Object arg3) {
        return AggBuilder.custom(AggSpec.Kind.ACCUMULATOR, accumulator, new Object[] {arg0, arg1, arg2, arg3});
    }

    /** A custom accumulator of 5 arguments (sequential, order-dependent). */
    static <V, T0, T1, T2, T3, T4> Agg accumulator(FloeAccumulatorAgg5<V, T0, T1, T2, T3, T4> accumulator, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4) {
        return AggBuilder.custom(AggSpec.Kind.ACCUMULATOR, accumulator, new Object[] {arg0, arg1, arg2, arg3, arg4});
    }

    /** A custom accumulator of 6 arguments (sequential, order-dependent). */
    static <V, T0, T1, T2, T3, T4, T5> Agg accumulator(FloeAccumulatorAgg6<V, T0, T1, T2, T3, T4, T5> accumulator, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5) {
        return AggBuilder.custom(AggSpec.Kind.ACCUMULATOR, accumulator, new Object[] {arg0, arg1, arg2, arg3, arg4, arg5});
    }

    /** A custom accumulator of 7 arguments (sequential, order-dependent). */
    static <V, T0, T1, T2, T3, T4, T5, T6> Agg accumulator(FloeAccumulatorAgg7<V, T0, T1, T2, T3, T4, T5, T6> accumulator, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6) {
        return AggBuilder.custom(AggSpec.Kind.ACCUMULATOR, accumulator, new Object[] {arg0, arg1, arg2, arg3, arg4, arg5, arg6});
    }

    /** A custom accumulator of 8 arguments (sequential, order-dependent). */
    static <V, T0, T1, T2, T3, T4, T5, T6, T7> Agg accumulator(FloeAccumulatorAgg8<V, T0, T1, T2, T3, T4, T5, T6, T7> accumulator, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6, Object arg7) {
        return AggBuilder.custom(AggSpec.Kind.ACCUMULATOR, accumulator, new Object[] {arg0, arg1, arg2, arg3, arg4, arg5, arg6, arg7});
    }

    /**
     * Batch blocks, aggregating into a PState: after aggregation, post-aggregation code runs once
     * per changed location with this var bound to the new value (and the template's key vars).
     */
    Agg captureNewValInto(String var);
}
