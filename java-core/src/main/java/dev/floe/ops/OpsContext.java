package dev.floe.ops;

import dev.floe.ModuleInstanceInfo;

import java.util.Random;

/**
 * What the built-in operations that depend on where an event runs can ask about: the task, the
 * microbatch, the topology, the module. The executor installs the context of the event it runs
 * on its thread; outside any event, {@link #LOCAL} (task 0, no topology) applies.
 */
public interface OpsContext {
    /** The task the event runs on. */
    int currentTaskId();

    /** The id of the current microbatch, stable across retries; fails outside a microbatch topology. */
    long currentMicrobatchId();

    /** "stream", "microbatch", "query", or null outside a topology. */
    String currentTopologyType();

    /** Information about the running module. */
    ModuleInstanceInfo moduleInstanceInfo();

    /** The current value of a PState partition given as a value (a PState object bound to a var). */
    Object extractValue(Object pstate);

    /** A Random shared by the task thread (seeded in deterministic mode). */
    Random randomSource();

    /** The context of {@code Block.execute()} and of code outside any event. */
    OpsContext LOCAL = new OpsContext() {
        private final Random random = new Random();

        @Override
        public int currentTaskId() {
            return 0;
        }

        @Override
        public long currentMicrobatchId() {
            throw new IllegalStateException("Ops.CURRENT_MICROBATCH_ID is only available in microbatch topologies");
        }

        @Override
        public String currentTopologyType() {
            return null;
        }

        @Override
        public ModuleInstanceInfo moduleInstanceInfo() {
            return ModuleInstanceInfo.LOCAL;
        }

        @Override
        public Object extractValue(Object pstate) {
            if (pstate instanceof PStateValue) {
                return ((PStateValue) pstate).extractValue();
            }
            throw new IllegalArgumentException("Ops.EXTRACT_VALUE needs a PState, got " + pstate);
        }

        @Override
        public Random randomSource() {
            return random;
        }
    };

    /** A PState partition given as a value in dataflow (a TestPState, or a task's partition). */
    interface PStateValue {
        /** The whole value of the partition. */
        Object extractValue();
    }

    /** The context of the event running on this thread. */
    static OpsContext current() {
        OpsContext c = Holder.CURRENT.get();
        return c == null ? LOCAL : c;
    }

    /** Installs {@code ctx} for the calling thread, returning the previous one (to restore). */
    static OpsContext install(OpsContext ctx) {
        OpsContext prev = Holder.CURRENT.get();
        Holder.CURRENT.set(ctx);
        return prev;
    }

    /** Holder of the thread's context. */
    final class Holder {
        private Holder() {}

        static final ThreadLocal<OpsContext> CURRENT = new ThreadLocal<>();
    }
}
