package dev.floe.exec;

import dev.floe.ir.Origin;

/** What an instruction runs: its topology, its description and where it was written. */
public final class StepInfo {
    final String topology;
    final String description;
    final Origin origin;

    public StepInfo(String topology, String description, Origin origin) {
        this.topology = topology;
        this.description = description;
        this.origin = origin;
    }

    /** The topology the step belongs to (null outside a module). */
    public String topology() {
        return topology;
    }

    /** What the step does, as the IR prints it. */
    public String description() {
        return description;
    }

    /** Where the step was written. */
    public Origin origin() {
        return origin;
    }

    @Override
    public String toString() {
        return (topology == null ? "" : topology + ": ") + description + (origin.isKnown() ? " (" + origin + ")" : "");
    }
}
