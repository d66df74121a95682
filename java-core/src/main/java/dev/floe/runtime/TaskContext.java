package dev.floe.runtime;

import dev.floe.ModuleInstanceInfo;
import dev.floe.exec.EventContext;
import dev.floe.ir.ModuleIR;
import dev.floe.ops.OpsContext;
import dev.floe.store.PStatePartition;

import java.util.Random;

/** What every kind of event sees of the task it runs on: task globals, the task's id and random source, the module. */
abstract class TaskContext implements EventContext {
    final TaskState t;

    TaskContext(TaskState t) {
        this.t = t;
    }

    /** Runs a segment's code with this context installed; returns what it threw, or null. */
    Throwable runIn(dev.floe.exec.Frame f, java.util.function.Consumer<dev.floe.exec.Frame> body) {
        OpsContext prev = OpsContext.install(this);
        try {
            body.accept(f);
            return null;
        } catch (RuntimeException | Error e) {
            return e;
        } finally {
            OpsContext.install(prev);
        }
    }

    /** "module M, task T, <topology>", for messages. */
    abstract String where();

    /** The task's partition of a module PState, or null; a global PState off task 0 is an error. */
    PStatePartition partitionOf(String name) {
        PStatePartition p = t.pstates.get(name);
        if (p == null) {
            ModuleIR.PStateDecl d = t.module.pstates.get(name);
            if (d != null && d.global()) {
                throw new IllegalStateException(where() + ": " + name + " is a global PState, held by task 0 only; "
                        + "move there with globalPartition() before using it");
            }
        }
        return p;
    }

    @Override
    public Object taskGlobal(String name) {
        return t.globals.get(name);
    }

    @Override
    public int currentTaskId() {
        return t.id;
    }

    @Override
    public long currentMicrobatchId() {
        throw new IllegalStateException("Ops.CURRENT_MICROBATCH_ID is only available in microbatch topologies ("
                + where() + " is a " + currentTopologyType() + " topology)");
    }

    @Override
    public ModuleInstanceInfo moduleInstanceInfo() {
        return t.module.info;
    }

    @Override
    public Object extractValue(Object pstate) {
        if (pstate instanceof OpsContext.PStateValue) {
            return ((OpsContext.PStateValue) pstate).extractValue();
        }
        throw new IllegalArgumentException("Ops.EXTRACT_VALUE needs a PState, got " + ModuleRuntime.describe(pstate));
    }

    @Override
    public Random randomSource() {
        return t.random;
    }
}
