package dev.floe.exec;

import dev.floe.ops.OpsContext;

/**
 * What running dataflow needs from where it runs: PState partitions of the current task, the ack
 * return channel of a stream event, and the {@link OpsContext} of the built-in operations.
 */
public interface EventContext extends OpsContext {
    /** The partition of a module PState on the current task, or null when there is none. */
    PStateHandle pstate(String name);

    /** The current task's instance of a task global declared with declareObject. */
    Object taskGlobal(String name);

    /** Records a stream topology's ack return value for the current record. */
    void ackReturn(Object value);

    /**
     * A partitioner was reached: continue past it on the tasks it selects. Without tasks (local
     * execution) it continues here, once.
     */
    default void partition(Instrs.Partition p, Frame f) {
        p.continueIn(f);
    }

    /** depotPartitionAppend: appends to this task's partition of a depot (module only). */
    default void depotAppend(String depot, Object record, dev.floe.AckLevel level) {
        throw new IllegalStateException("depotPartitionAppend to " + depot + " needs a module");
    }

    /** invokeQuery: runs a query topology and continues with its result (module only). */
    default void invokeQuery(Instrs.InvokeQuery q, Frame f) {
        throw new IllegalStateException("invokeQuery of " + q.query() + " needs a module");
    }

    /** eachAsync: the event continues when the function's future completes. Locally it waits for it here. */
    default void eachAsync(Instrs.EachAsync x, Frame f) {
        x.runBlocking(f);
    }

    /** yieldIfOvertime: locally there is nothing to yield to. */
    default void yieldIfOvertime(Instrs.Yield y, Frame f) {
        y.continueIn(f);
    }

    /** explodeMicrobatch was reached. Without tasks the microbatch var holds the records themselves. */
    default void explodeMicrobatch(BatchSources.Explode x, Frame f) {
        x.emitLocal(f);
    }

    /** explodeMaterialized was reached: locally, the rows are all here. */
    default void explodeMaterialized(BatchSources.ExplodeRows x, Frame f) {
        x.continueIn(f);
    }

    /** A batch block was reached. Without tasks it runs here, whole. */
    default void batch(BatchInstr b, Frame f) {
        b.runLocal(f);
    }

    /** A row reached the end of a batch block's source. Without tasks it is kept with the source. */
    default void batchRow(BatchInstr.Source source, Object[] row) {
        source.rows.add(row);
    }
}
