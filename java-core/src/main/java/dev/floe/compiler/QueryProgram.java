package dev.floe.compiler;

import dev.floe.FloeCompileException;
import dev.floe.exec.Emitter;
import dev.floe.exec.Instr;
import dev.floe.exec.Program;
import dev.floe.ir.ModuleIR;
import dev.floe.ir.Origin;

import java.util.LinkedHashMap;
import java.util.Map;

/** A query topology compiled: its body is one batch block over its inputs; the result is its output var. */
final class QueryProgram {
    final Program program;
    final int outputSlot;

    private QueryProgram(Program program, int outputSlot) {
        this.program = program;
        this.outputSlot = outputSlot;
    }

    static QueryProgram compile(DataflowCompiler c, ModuleIR.QueryTopology q) {
        DataflowCompiler.Scope scope = DataflowCompiler.Scope.EMPTY;
        Map<String, Integer> inputSlots = new LinkedHashMap<>();
        for (String in : q.inputs()) {
            if (!in.startsWith("*")) {
                throw new FloeCompileException(c.ctx.where() + ": query inputs are value vars (*name), got " + in);
            }
            int slot = c.newSlot();
            c.slotNames.put(slot, in);
            scope = scope.with(in, slot);
            inputSlots.put(in, slot);
        }
        dev.floe.ir.Node queryNode = new dev.floe.ir.Node.BatchBlock(q.body(), q.origin() == null ? Origin.UNKNOWN : q.origin());
        BatchCompiler.Compiled batch = BatchCompiler.compileWithEnd(c, q.body(), scope, queryNode);
        if (!batch.end.reachable()) {
            throw new FloeCompileException(c.ctx.where() + ": the query's code never reaches its end, so it never "
                    + "binds its output " + q.output());
        }
        Integer out = batch.end.scope.slot(q.output());
        if (out == null) {
            throw new FloeCompileException(c.ctx.where() + ": the query topology must bind its output var " + q.output()
                    + " (at its end, in scope: " + batch.end.scope.vars.keySet() + ")");
        }
        Emitter entry = new Emitter();
        entry.attach(batch.instr);
        int resultSlot = c.newSlot();
        batch.end.emitter.attach(new Capture(out, resultSlot));
        Liveness.analyze(entry);
        return new QueryProgram(new Program(entry, c.newSlot() + 1, inputSlots, c.slotNames), resultSlot);
    }

    /** Records the query's result (the output var's value at the end of its code). */
    static final class Capture extends Instr {
        private final int from;
        private final int to;

        Capture(int from, int to) {
            super(new dev.floe.exec.StepInfo(null, "query result", Origin.UNKNOWN));
            this.from = from;
            this.to = to;
        }

        @Override
        public void reads(java.util.BitSet out) {
            out.set(from);
        }

        @Override
        public void writes(java.util.BitSet out) {
            out.set(to);
        }

        @Override
        public void run(dev.floe.exec.Frame f) {
            f.set(to, f.get(from));
        }
    }
}
