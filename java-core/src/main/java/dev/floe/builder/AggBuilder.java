package dev.floe.builder;

import dev.floe.Agg;
import dev.floe.ir.AggSpec;
import dev.floe.ir.Arg;
import dev.floe.ir.FnRef;
import dev.floe.ops.FloeFunction1;
import dev.floe.ops.TopMonotonicAgg;

import java.util.List;

/** The immutable implementation of {@link Agg} and {@link TopMonotonicAgg}: an {@link AggSpec}. */
public final class AggBuilder implements TopMonotonicAgg {
    private final AggSpec spec;

    private AggBuilder(AggSpec spec) {
        this.spec = spec;
    }

    /** A built-in aggregator. */
    public static Agg of(AggSpec.Kind kind, Object... args) {
        return new AggBuilder(new AggSpec(kind, ChainSupport.args(args), null, null, null));
    }

    /** A custom combiner or accumulator. */
    public static Agg custom(AggSpec.Kind kind, Object impl, Object[] args) {
        if (impl == null) {
            throw new IllegalArgumentException("a custom aggregator needs an implementation");
        }
        return new AggBuilder(new AggSpec(kind, ChainSupport.args(args), FnRef.of(impl), null, null));
    }

    /** A top-N aggregator. */
    public static TopMonotonicAgg top(int amount, Object arg) {
        if (amount < 0) {
            throw new IllegalArgumentException("topMonotonic amount must be >= 0, got " + amount);
        }
        return new AggBuilder(new AggSpec(AggSpec.Kind.TOP_MONOTONIC, List.of(ChainSupport.arg(arg)), null,
                new AggSpec.TopOptions(new Arg.Lit(amount), null, null, false), null));
    }

    AggSpec toSpec() {
        return spec;
    }

    private AggSpec.TopOptions top() {
        if (spec.top() == null) {
            throw new IllegalStateException("only topMonotonic has id and sort functions");
        }
        return spec.top();
    }

    @Override
    public TopMonotonicAgg idFunction(FloeFunction1<?, ?> fn) {
        AggSpec.TopOptions t = top();
        return new AggBuilder(new AggSpec(spec.kind(), spec.args(), spec.impl(),
                new AggSpec.TopOptions(t.amount(), FnRef.of(fn), t.sortValFunction(), t.ascending()),
                spec.captureNewValInto()));
    }

    @Override
    public TopMonotonicAgg sortValFunction(FloeFunction1<?, ?> fn) {
        AggSpec.TopOptions t = top();
        return new AggBuilder(new AggSpec(spec.kind(), spec.args(), spec.impl(),
                new AggSpec.TopOptions(t.amount(), t.idFunction(), FnRef.of(fn), t.ascending()),
                spec.captureNewValInto()));
    }

    @Override
    public TopMonotonicAgg ascending() {
        AggSpec.TopOptions t = top();
        return new AggBuilder(new AggSpec(spec.kind(), spec.args(), spec.impl(),
                new AggSpec.TopOptions(t.amount(), t.idFunction(), t.sortValFunction(), true), spec.captureNewValInto()));
    }

    @Override
    public Agg captureNewValInto(String var) {
        if (var == null || !var.startsWith("*")) {
            throw new IllegalArgumentException("captureNewValInto needs a value var such as \"*v\", got " + var);
        }
        return new AggBuilder(spec.withCapture(var));
    }

    @Override
    public String toString() {
        return spec.toString();
    }
}
