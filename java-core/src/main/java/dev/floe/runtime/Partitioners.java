package dev.floe.runtime;

import dev.floe.exec.FnCall;
import dev.floe.exec.Frame;
import dev.floe.exec.Instrs;
import dev.floe.exec.KeyHash;
import dev.floe.ir.ModuleIR;

import java.util.List;

/** The tasks a partitioner sends an event to. */
final class Partitioners {
    private Partitioners() {}

    /** Which partition of a mirrored PState the next localSelect reads, shipped with the event past a partitioner on the mirror. */
    record MirrorSelection(String mirror, int partition) implements java.io.Serializable {}

    /**
     * Where a partitioner on a mirrored PState ({@code hashPartition("$$mirror", key)},
     * {@code allPartition("$$mirror")}, {@code directPartition("$$mirror", partition)}) sends the
     * event: the local task hosting each chosen partition of the other module's PState (partition
     * p is hosted by task p mod numTasks), with the partition; null when {@code p} is not on a mirror.
     */
    static List<int[]> mirrorTargets(TaskState t, Instrs.Partition p, Frame f, String where) {
        ModuleRuntime m = t.module;
        if (p.pobject() == null || !m.mirrorPStates.containsKey(p.pobject())) {
            return null;
        }
        ModuleRuntime.MirrorRef ref = m.mirror(p.pobject());
        ModuleRuntime remote = ref.module();
        ModuleIR.PStateDecl decl = remote.pstates.get(ref.remoteName());
        int remoteN = decl.global() ? 1 : remote.numTasks;
        List<int[]> out = new java.util.ArrayList<>();
        Object[] args = p.argValues(f);
        switch (p.kind()) {
            case HASH:
                out.add(hosted(m, remote.pstateTaskOfKey(decl, args[0])));
                return out;
            case ALL:
                for (int i = 0; i < remoteN; i++) {
                    out.add(hosted(m, i));
                }
                return out;
            case DIRECT: {
                Object v = args[0];
                if (!(v instanceof Number) || ((Number) v).intValue() < 0 || ((Number) v).intValue() >= remoteN) {
                    throw new IllegalArgumentException(where + ": " + p.step() + " needs a partition of " + p.pobject()
                            + " in [0, " + remoteN + "), got " + ModuleRuntime.describe(v));
                }
                out.add(hosted(m, ((Number) v).intValue()));
                return out;
            }
            case GLOBAL:
                out.add(hosted(m, 0));
                return out;
            default:
                throw new UnsupportedOperationException(where + ": " + p.step() + " on the mirrored PState " + p.pobject()
                        + " cannot run");
        }
    }

    private static int[] hosted(ModuleRuntime m, int partition) {
        return new int[] {partition % m.numTasks, partition};
    }

    /** The live values past {@code p}, with the mirror partition the event carries appended when there is one. */
    static Object[] withMirror(Object[] live, String mirror, int partition) {
        if (mirror == null) {
            return live;
        }
        Object[] out = java.util.Arrays.copyOf(live, live.length + 1);
        out[live.length] = new MirrorSelection(mirror, partition);
        return out;
    }

    /** Sets the live slots from shipped values, and the mirror partition the event carries, if any. */
    static void restore(Frame f, int[] live, Object[] values) {
        for (int i = 0; i < live.length; i++) {
            f.set(live[i], values[i]);
        }
        if (values.length > live.length && values[live.length] instanceof MirrorSelection) {
            ((TaskContext) f.ctx()).mirrorSelection = (MirrorSelection) values[live.length];
        }
    }

    /**
     * Every (task, mirror partition or -1) target of {@code p}: {@link #mirrorTargets} on a
     * mirrored PState, else {@link #targets} with no partition.
     */
    static List<int[]> route(TaskState t, Instrs.Partition p, Frame f, int origin, String where) {
        List<int[]> mirror = mirrorTargets(t, p, f, where);
        if (mirror != null) {
            return mirror;
        }
        List<int[]> out = new java.util.ArrayList<>();
        for (int task : targets(t, p, f, origin, where)) {
            out.add(new int[] {task, -1});
        }
        return out;
    }

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
