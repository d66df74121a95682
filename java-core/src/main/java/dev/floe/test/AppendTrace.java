package dev.floe.test;

import clojure.lang.RT;

import java.util.List;
import java.util.Map;

/**
 * What one depot append did in the module's stream topologies ({@link InProcessCluster#traceAppend}):
 * every step of its event tree in the order it ran, on which task, with the values of the
 * variables the step read, and each segment's end (committed, or failed and retried).
 */
public final class AppendTrace {
    /**
     * One step run, or one segment's end ({@code inputs} empty, {@code step} saying what happened).
     *
     * @param task     the task it ran on
     * @param topology the stream topology
     * @param step     the step, as the IR prints it
     * @param origin   where it was written (file:line), or "" when unknown
     * @param inputs   the variables the step read and their values, in slot order
     * @param micros   when it ran, in microseconds since the append was sent
     */
    public record Step(int task, String topology, String step, String origin, Map<String, Object> inputs, long micros) {
        public Step {
            inputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputs));
        }
    }

    private final String module;
    private final String depot;
    private final Object record;
    private final List<Step> steps;
    private final Map<String, Object> ackReturns;

    public AppendTrace(String module, String depot, Object record, List<Step> steps, Map<String, Object> ackReturns) {
        this.module = module;
        this.depot = depot;
        this.record = record;
        this.steps = List.copyOf(steps);
        this.ackReturns = ackReturns == null ? Map.of() : Map.copyOf(ackReturns);
    }

    /** The steps, in the order they ran. */
    public List<Step> steps() {
        return steps;
    }

    /** The stream topologies' ack returns for the record. */
    public Map<String, Object> ackReturns() {
        return ackReturns;
    }

    /** The trace as a table: one line per step, values printed and cut to {@code maxValue} characters. */
    public String format(int maxValue) {
        StringBuilder sb = new StringBuilder();
        sb.append("append to ").append(depot).append(" of ").append(module).append(": ")
          .append(cut(RT.printString(record), maxValue)).append('\n');
        int width = 0;
        for (Step s : steps) {
            width = Math.max(width, s.step().length());
        }
        width = Math.min(width, 60);
        for (Step s : steps) {
            sb.append(String.format("%8.3f ms  task %-3d %-12s %-" + width + "s", s.micros() / 1000.0, s.task(),
                    s.topology(), cut(s.step(), 60)));
            if (!s.origin().isEmpty()) {
                sb.append("  ").append(s.origin());
            }
            for (Map.Entry<String, Object> e : s.inputs().entrySet()) {
                sb.append("  ").append(e.getKey()).append('=').append(cut(RT.printString(e.getValue()), maxValue));
            }
            sb.append('\n');
        }
        if (steps.isEmpty()) {
            sb.append("(no stream topology of the module consumes ").append(depot).append(")\n");
        }
        if (!ackReturns.isEmpty()) {
            sb.append("ack returns: ").append(RT.printString(ackReturns)).append('\n');
        }
        return sb.toString();
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, Math.max(0, max - 1)) + "…";
    }

    @Override
    public String toString() {
        return format(80);
    }
}
