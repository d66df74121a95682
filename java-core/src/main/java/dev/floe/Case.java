package dev.floe;

import dev.floe.ops.FloeFunction0;
import dev.floe.ops.FloeFunction1;
import dev.floe.ops.FloeFunction2;
import dev.floe.ops.FloeFunction3;
import dev.floe.ops.FloeFunction4;
import dev.floe.ops.FloeFunction5;
import dev.floe.ops.FloeFunction6;
import dev.floe.ops.FloeFunction7;
import dev.floe.ops.FloeFunction8;
import dev.floe.ops.FloeOperation0;
import dev.floe.ops.FloeOperation1;
import dev.floe.ops.FloeOperation2;
import dev.floe.ops.FloeOperation3;
import dev.floe.ops.FloeOperation4;
import dev.floe.ops.FloeOperation5;
import dev.floe.ops.FloeOperation6;
import dev.floe.ops.FloeOperation7;
import dev.floe.ops.FloeOperation8;
import dev.floe.ops.LimitAgg;

import java.util.concurrent.CompletableFuture;

/** A case of {@link Block#cond}: a condition and the code that runs when it is the first truthy one. */
public interface Case {
    /** A case with a condition. */
    static Impl create(Object cond) {
        return new dev.floe.builder.CaseBuilder(cond);
    }

    /** The steps of a case. */
    interface Impl extends Case, Block.Chain<Impl, OutImpl, MultiOutImpl> {}

    /** A step whose outputs can be bound. */
    interface OutImpl extends Impl, Block.Outs<Impl> {}

    /** A step whose outputs and named output streams can be bound. */
    interface MultiOutImpl extends OutImpl {
        /** Binds the values of a named output stream, whose code is attached at an anchor. */
        MultiOutImpl outStream(String streamName, String anchorName, String... vars);
    }
}
