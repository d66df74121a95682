package dev.floe.runtime;

import dev.floe.exec.FnCall;
import dev.floe.exec.Frame;
import dev.floe.exec.Instrs;
import dev.floe.exec.KeyHash;
import dev.floe.ir.ModuleIR;

/** The tasks a partitioner sends an event to. */
final class Partitioners {
    private Partitioners() {}

    /**
     * The target tasks of {@code p} for the event in {@code f} on task {@code t}; {@code origin}
     * is the task a query invocation started on (-1 outside queries).
     */
    static int[] targets(TaskState t, Instrs.Partition p, Frame f, int origin, String where) {
        ModuleRuntime m = t.module;
        int n = m.numTasks;
        Object[] args = p.argValues(f);
        switch (p.kind()) {
            case HASH: {
                ModuleIR.PStateDecl d = p.pobject() == null ? null : m.pstates.get(p.pobject());
                return new int[] {d != null ? m.pstateTaskOfKey(d, args[0]) : KeyHash.partition(args[0], n)};
            }
            case ALL: {
                int[] all = new int[n];
                for (int i = 0; i < n; i++) {
                    all[i] = i;
                }
                return all;
            }
            case GLOBAL:
                return new int[] {0};
            case SHUFFLE:
                return new int[] {t.random.nextInt(n)};
            case DIRECT:
                return new int[] {task(m, args[0], p, where)};
            case CUSTOM: {
                Object[] callArgs = new Object[args.length + 1];
                callArgs[0] = n;
                System.arraycopy(args, 0, callArgs, 1, args.length);
                return new int[] {task(m, FnCall.apply(p.fn(), callArgs), p, where)};
            }
            case ORIGIN:
                if (origin < 0) {
                    throw new IllegalStateException(where + ": " + p.step() + " is only valid in query topologies");
                }
                return new int[] {origin};
            default:
                throw new UnsupportedOperationException(where + ": " + p.step() + " cannot run yet");
        }
    }

    private static int task(ModuleRuntime m, Object v, Instrs.Partition p, String where) {
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException(where + ": " + p.step() + " needs a task number, got " + ModuleRuntime.describe(v));
        }
        int task = ((Number) v).intValue();
        if (task < 0 || task >= m.numTasks) {
            throw new IllegalArgumentException(where + ": " + p.step() + " chose task " + task + " of " + m.numTasks);
        }
        return task;
    }

    /** The values of the variables live past the boundary {@code p}, to ship with the event. */
    static Object[] liveValues(dev.floe.exec.BoundaryInstr p, Frame f) {
        int[] live = p.live();
        Object[] values = new Object[live.length];
        for (int i = 0; i < live.length; i++) {
            values[i] = f.get(live[i]);
        }
        return values;
    }
}
