package dev.floe.exec;

import dev.floe.ModuleInstanceInfo;
import dev.floe.compiler.CompileContext;
import dev.floe.compiler.DataflowCompiler;
import dev.floe.ir.Node;
import dev.floe.ir.SchemaIR;
import dev.floe.ops.OpsContext;
import dev.floe.store.MemoryPState;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code Block.execute()}: compiles a block with no module around it (one task, partitioners pass
 * through, no depots or query topologies) and runs it once.
 */
public final class LocalExecutor {
    private LocalExecutor() {}

    /** Compiles and runs a block. */
    public static void execute(List<Node> nodes) {
        Program program = DataflowCompiler.compile(nodes, List.of(), CompileContext.local());
        LocalContext ctx = new LocalContext();
        OpsContext prev = OpsContext.install(ctx);
        try {
            program.run(program.newFrame(ctx));
        } finally {
            OpsContext.install(prev);
        }
    }

    /**
     * Compiles a block once, to run many times with different values of its {@code inputs} (as a
     * topology runs its compiled code once per event). Each run has fresh temporary PStates.
     */
    public static Prepared prepare(List<Node> nodes, List<String> inputs) {
        Program program = DataflowCompiler.compile(nodes, inputs, CompileContext.local());
        int[] slots = new int[inputs.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = program.inputSlot(inputs.get(i));
        }
        return new Prepared(program, inputs, slots);
    }

    /** A compiled block, see {@link #prepare}. */
    public static final class Prepared {
        private final Program program;
        private final List<String> inputs;
        private final int[] slots;

        Prepared(Program program, List<String> inputs, int[] slots) {
            this.program = program;
            this.inputs = List.copyOf(inputs);
            this.slots = slots;
        }

        /** Runs the block once with one value per input variable, in the order given to {@link #prepare}. */
        public void run(Object... values) {
            runIn(null, values);
        }

        /**
         * Runs the block inside the event of {@code ctx} (its PStates, task and task globals), or
         * alone when it is null: how a Clojure operation defined with dataflow code (deframaop)
         * runs its body within the calling event.
         */
        public void runIn(EventContext context, Object... values) {
            if (values.length != slots.length) {
                throw new IllegalArgumentException("the block takes " + slots.length + " input(s) " + inputs
                        + ", got " + values.length + " value(s)");
            }
            EventContext ctx = context != null ? context : new LocalContext();
            Frame f = program.newFrame(ctx);
            for (int i = 0; i < slots.length; i++) {
                f.set(slots[i], values[i]);
            }
            OpsContext prev = OpsContext.install(ctx);
            try {
                program.run(f);
            } finally {
                OpsContext.install(prev);
            }
        }
    }

    /** The context of a local run: temporary PStates are created on first use. */
    static final class LocalContext implements EventContext {
        private final Map<String, MemoryPState> temps = new HashMap<>();

        @Override
        public PStateHandle pstate(String name) {
            return temps.computeIfAbsent(name,
                    n -> new MemoryPState(n, new SchemaIR.ClassSchema(Object.class.getName()), null));
        }

        @Override
        public Object taskGlobal(String name) {
            throw new IllegalStateException("no task global " + name + " in Block.execute()");
        }

        @Override
        public void ackReturn(Object value) {
            // no appender to return to in a local run
        }

        @Override
        public int currentTaskId() {
            return OpsContext.LOCAL.currentTaskId();
        }

        @Override
        public long currentMicrobatchId() {
            return OpsContext.LOCAL.currentMicrobatchId();
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
            return OpsContext.LOCAL.extractValue(pstate);
        }

        @Override
        public Random randomSource() {
            return OpsContext.LOCAL.randomSource();
        }
    }
}
