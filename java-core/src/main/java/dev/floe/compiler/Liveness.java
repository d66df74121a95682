package dev.floe.compiler;

import dev.floe.exec.BatchInstr;
import dev.floe.exec.Boundary;
import dev.floe.exec.Emitter;
import dev.floe.exec.Instr;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Liveness at async boundaries: after a partitioner (or an async call) only the slots that code
 * downstream reads before writing them need to travel with the event. Each slot has a single
 * writer, so those are the slots read downstream minus the slots written downstream.
 */
final class Liveness {
    private Liveness() {}

    /** Records the live slots of every boundary reachable from {@code entry}. */
    static void analyze(Emitter entry) {
        Map<Instr, Boolean> all = reachable(entry);
        for (Instr in : all.keySet()) {
            if (in instanceof Boundary) {
                Map<Instr, Boolean> after = reachable(in.next);
                BitSet reads = new BitSet();
                BitSet writes = new BitSet();
                in.writes(writes);
                for (Instr a : after.keySet()) {
                    a.reads(reads);
                    a.writes(writes);
                }
                reads.andNot(writes);
                ((Boundary) in).setLive(reads.stream().toArray());
            }
            if (in instanceof BatchInstr) {
                // what the block's sources and the code after its join or aggregation read that was bound
                // before the block: it must reach the tasks where they run
                BatchInstr b = (BatchInstr) in;
                BitSet reads = new BitSet();
                BitSet writes = new BitSet();
                b.writes(writes);
                Map<Instr, Boolean> after = new IdentityHashMap<>();
                // the sources, the code after the join and after aggregation, and after the block
                for (Emitter e : b.successors()) {
                    after.putAll(reachable(e));
                }
                for (Instr a : after.keySet()) {
                    a.reads(reads);
                    a.writes(writes);
                }
                reads.andNot(writes);
                b.setLiveAfter(reads.stream().toArray());
            }
        }
    }

    static Map<Instr, Boolean> reachable(Emitter from) {
        Map<Instr, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Emitter> todo = new ArrayDeque<>();
        todo.add(from);
        while (!todo.isEmpty()) {
            for (Instr in : todo.poll().targets()) {
                if (seen.put(in, Boolean.TRUE) == null) {
                    todo.addAll(in.successors());
                }
            }
        }
        return seen;
    }
}
