package dev.floe.runtime;

import dev.floe.exec.Frame;
import dev.floe.exec.Instr;
import dev.floe.exec.Program;
import dev.floe.exec.Tracing;
import dev.floe.test.AppendTrace;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The steps of one traced append's event trees, collected from the task threads that run them. */
final class TraceLog {
    final long id;
    private final long start = System.nanoTime();
    private final List<AppendTrace.Step> steps = new ArrayList<>();
    /** The roots started for the append (retries included), to forget when the trace ends. */
    final Set<Long> roots = java.util.concurrent.ConcurrentHashMap.newKeySet();

    TraceLog(long id) {
        this.id = id;
    }

    /** The sink of one segment, run on {@code task} by {@code program}. */
    Tracing.Sink segment(int task, String topology, Program program) {
        return (Instr in, Frame f) -> {
            BitSet reads = new BitSet();
            in.reads(reads);
            Map<String, Object> inputs = new LinkedHashMap<>();
            for (int s = reads.nextSetBit(0); s >= 0; s = reads.nextSetBit(s + 1)) {
                inputs.put(program.slotName(s), f.get(s));
            }
            add(new AppendTrace.Step(task, topology, in.step().description(), origin(in), inputs, micros()));
        };
    }

    /** An event tree starts on {@code task}: the source's record (a retry when attempt > 0). */
    void rootStart(int task, String topology, String depot, long offset, Object record, int attempt) {
        add(new AppendTrace.Step(task, topology, "source " + depot + " offset " + offset
                + (attempt > 0 ? " (retry " + attempt + ")" : ""), "", Map.of("record", record), micros()));
    }

    /** A segment's end on {@code task}: committed, or failed with {@code error}. */
    void segmentEnd(int task, String topology, String error) {
        add(new AppendTrace.Step(task, topology, error == null ? "(segment committed)" : "(segment failed: " + error + ")",
                "", Map.of(), micros()));
    }

    private static String origin(Instr in) {
        return in.step().origin().isKnown() ? in.step().origin().toString() : "";
    }

    private long micros() {
        return (System.nanoTime() - start) / 1000;
    }

    private synchronized void add(AppendTrace.Step s) {
        steps.add(s);
    }

    synchronized List<AppendTrace.Step> steps() {
        List<AppendTrace.Step> out = new ArrayList<>(steps);
        out.sort(java.util.Comparator.comparingLong(AppendTrace.Step::micros));
        return out;
    }
}
