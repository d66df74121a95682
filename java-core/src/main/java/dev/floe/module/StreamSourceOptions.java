package dev.floe.module;

import dev.floe.Agg;
import dev.floe.builder.AggBuilderAccess;
import dev.floe.ir.ModuleIR;
import dev.floe.ops.FloeFunction1;

/** Options of a stream topology's source: where it starts on first launch, how it retries, how ack returns combine. */
public interface StreamSourceOptions {
    /** The defaults: start from the end of each partition, retry records individually. */
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

    /** On failure, retries the record and every later record of its partition. */
    static Impl retryAllAfter() {
        return create().retryAllAfter();
    }

    /** Never retries (at-most-once). */
    static Impl retryNone() {
        return create().retryNone();
    }

    /** Combines several ackReturn values of one record with an aggregator (e.g. Agg::sum). */
    static Impl ackReturnAgg(FloeFunction1<Object, Agg> aggFactory) {
        return create().ackReturnAgg(aggFactory);
    }

    /** The chaining form. */
    interface Impl extends StreamSourceOptions {
        /** On first launch, starts at offset 0 of each partition. */
        Impl startFromBeginning();

        /** On first launch, starts an amount of records or time before the end. */
        Impl startFromOffsetAgo(long amount, OffsetAgo unit);

        /** On first launch, starts at the first record appended after a time. */
        Impl startFromOffsetAfterTimestamp(long millis);

        /** An id for subscribing to the same depot more than once. */
        Impl sourceId(String id);

        /** On failure, retries the record and every later record of its partition. */
        Impl retryAllAfter();

        /** Never retries (at-most-once). */
        Impl retryNone();

        /** Combines several ackReturn values of one record with an aggregator (e.g. Agg::sum). */
        Impl ackReturnAgg(FloeFunction1<Object, Agg> aggFactory);
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
        public Impl retryAllAfter() {
            return new Captured(ir.withOptions(o -> o.retry(ModuleIR.SourceOptions.RetryMode.ALL_AFTER)));
        }

        @Override
        public Impl retryNone() {
            return new Captured(ir.withOptions(o -> o.retry(ModuleIR.SourceOptions.RetryMode.NONE)));
        }

        @Override
        public Impl ackReturnAgg(FloeFunction1<Object, Agg> aggFactory) {
            return new Captured(ir.withOptions(o -> o.ackReturnAgg(AggBuilderAccess.spec(aggFactory.invoke("*floe-ack-return")))));
        }

        @Override
        public String toString() {
            return "StreamSourceOptions(" + ir.options + ")";
        }
    }
}
