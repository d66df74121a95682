package dev.floe.module;

import dev.floe.ir.AggSpec;
import dev.floe.ir.ModuleIR;

import java.util.function.UnaryOperator;

/** Immutable holder of source options being built. */
final class SourceOptionsIR {
    final ModuleIR.SourceOptions options;

    SourceOptionsIR(ModuleIR.SourceOptions options) {
        this.options = options;
    }

    SourceOptionsIR withOptions(UnaryOperator<SourceOptionsIR> f) {
        return f.apply(this);
    }

    SourceOptionsIR startFrom(ModuleIR.SourceOptions.StartFrom from, long amount, String unit) {
        ModuleIR.SourceOptions o = options;
        return new SourceOptionsIR(new ModuleIR.SourceOptions(from, amount, unit, o.retryMode(), o.ackReturnAgg(), o.sourceId()));
    }

    SourceOptionsIR sourceId(String id) {
        ModuleIR.SourceOptions o = options;
        return new SourceOptionsIR(new ModuleIR.SourceOptions(o.startFrom(), o.startAmount(), o.offsetAgoUnit(),
                o.retryMode(), o.ackReturnAgg(), id));
    }

    SourceOptionsIR retry(ModuleIR.SourceOptions.RetryMode mode) {
        ModuleIR.SourceOptions o = options;
        return new SourceOptionsIR(new ModuleIR.SourceOptions(o.startFrom(), o.startAmount(), o.offsetAgoUnit(), mode,
                o.ackReturnAgg(), o.sourceId()));
    }

    SourceOptionsIR ackReturnAgg(AggSpec agg) {
        ModuleIR.SourceOptions o = options;
        return new SourceOptionsIR(new ModuleIR.SourceOptions(o.startFrom(), o.startAmount(), o.offsetAgoUnit(),
                o.retryMode(), agg, o.sourceId()));
    }
}
