package dev.floe.module;

import dev.floe.Agg;
import dev.floe.builder.AggBuilderAccess;
import dev.floe.ir.ModuleIR;
import dev.floe.ops.FloeFunction1;

/** Options of a microbatch topology's source: where it starts on first launch. */
public interface MicrobatchSourceOptions {
    /** The defaults: start from the end of each partition. */
    static Impl create() {
        return new Captured(new SourceOptionsIR(ModuleIR.SourceOptions.DEFAULT));
    }

    /** On first launch, starts at offset 0 of each partition. */
    static Impl startFromBeginning() {
        return create().startFromBeginning();
    }

    /** On first launch, starts an amount of records or time before the end. */
    static Impl startFromOffsetAgo(long amount, OffsetAgo unit) {
        return create().startFromOffsetAgo(amount, unit);
    }

    /** On first launch, starts at the first record appended after a time. */
    static Impl startFromOffsetAfterTimestamp(long millis) {
        return create().startFromOffsetAfterTimestamp(millis);
    }

    /** An id for subscribing to the same depot more than once. */
    static Impl sourceId(String id) {
        return create().sourceId(id);
    }

    /** The chaining form. */
    interface Impl extends MicrobatchSourceOptions {
        /** On first launch, starts at offset 0 of each partition. */
        Impl startFromBeginning();

        /** On first launch, starts an amount of records or time before the end. */
        Impl startFromOffsetAgo(long amount, OffsetAgo unit);

        /** On first launch, starts at the first record appended after a time. */
        Impl startFromOffsetAfterTimestamp(long millis);

        /** An id for subscribing to the same depot more than once. */
        Impl sourceId(String id);
    }

    /** The captured options. */
    final class Captured implements Impl {
        final SourceOptionsIR ir;

        Captured(SourceOptionsIR ir) {
            this.ir = ir;
        }

        /** The IR. */
        public ModuleIR.SourceOptions toIR() {
            return ir.options;
        }

        @Override
        public Impl startFromBeginning() {
            return new Captured(ir.withOptions(o -> o.startFrom(ModuleIR.SourceOptions.StartFrom.BEGINNING, 0, null)));
        }

        @Override
        public Impl startFromOffsetAgo(long amount, OffsetAgo unit) {
            return new Captured(ir.withOptions(o -> o.startFrom(ModuleIR.SourceOptions.StartFrom.OFFSET_AGO, amount, unit.name())));
        }

        @Override
        public Impl startFromOffsetAfterTimestamp(long millis) {
            return new Captured(ir.withOptions(o -> o.startFrom(ModuleIR.SourceOptions.StartFrom.AFTER_TIMESTAMP, millis, null)));
        }

        @Override
        public Impl sourceId(String id) {
            return new Captured(ir.withOptions(o -> o.sourceId(id)));
        }

        @Override
        public String toString() {
            return "MicrobatchSourceOptions(" + ir.options + ")";
        }
    }
}
