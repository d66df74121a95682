package dev.floe.ir;

import java.io.Serializable;
import java.util.List;

/**
 * One aggregator: what it computes ({@link Kind}), its arguments, the implementation of custom
 * combiners and accumulators, top-N options, and the var that captures the new value after an
 * aggregation into a PState ({@code captureNewValInto}, batch blocks only).
 */
public record AggSpec(Kind kind, List<Arg> args, FnRef impl, TopOptions top, String captureNewValInto)
        implements AggOrCompound {
    public AggSpec {
        args = List.copyOf(args);
    }

    /** The built-in aggregators; COMBINER and ACCUMULATOR take a user implementation. */
    public enum Kind {
        COUNT, SUM, MAX, MIN, FIRST, LAST, LIST, SET, SET_REMOVE, MAP, MERGE, MULTI_SET, AND, OR,
        TOP_MONOTONIC, COMBINER, ACCUMULATOR;

        /** True when the aggregator is associative and commutative, so it can aggregate in two phases. */
        public boolean isCombiner() {
            switch (this) {
                case COUNT:
                case SUM:
                case MAX:
                case MIN:
                case SET:
                case MULTI_SET:
                case AND:
                case OR:
                case TOP_MONOTONIC:
                case COMBINER:
                    return true;
                default:
                    return false;
            }
        }
    }

    /** Options of a top-N aggregator. */
    public record TopOptions(Arg amount, FnRef idFunction, FnRef sortValFunction, boolean ascending)
            implements Serializable {}

    /** This aggregator with its new value captured into {@code var}. */
    public AggSpec withCapture(String var) {
        return new AggSpec(kind, args, impl, top, var);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(kind.name().toLowerCase(java.util.Locale.ROOT));
        sb.append('(');
        if (impl != null) {
            sb.append(impl).append(args.isEmpty() ? "" : " ");
        }
        sb.append(Nodes.join(args)).append(')');
        if (top != null) {
            sb.append(" top ").append(top.amount());
        }
        if (captureNewValInto != null) {
            sb.append(" -> ").append(captureNewValInto);
        }
        return sb.toString();
    }
}
