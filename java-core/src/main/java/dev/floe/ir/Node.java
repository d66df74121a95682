package dev.floe.ir;

import dev.floe.AckLevel;
import dev.floe.Path;

import java.io.Serializable;
import java.util.List;

/**
 * One step of dataflow code. A block is a {@code List<Node>}; nodes that take sub-blocks
 * ({@link If}, {@link Loop}, {@link BatchBlock} …) nest them. Every node is an immutable record
 * compared by value (its {@link Origin} never takes part), so the IR built by the Java builder
 * and by the Clojure DSL can be compared with {@code equals}.
 */
public sealed interface Node extends Serializable {
    /** Where the step was written. */
    Origin origin();

    /** A short description of the step for error messages, e.g. {@code each(Ops.INC *x)}. */
    default String describe() {
        return toString();
    }

    // ------------------------------------------------------------------------------ operations

    /** The outputs of a named stream of an operation, attached at {@code anchor}. */
    record StreamOut(String stream, String anchor, List<String> vars) implements Serializable {
        public StreamOut {
            vars = List.copyOf(vars);
        }
    }

    /**
     * Calls a function (emits once) or an operation (emits zero or more times, possibly on named
     * streams); {@code out} binds the default stream's values.
     */
    record Each(FnRef op, List<Arg> args, List<String> out, List<StreamOut> streams, Origin origin) implements Node {
        public Each {
            args = List.copyOf(args);
            out = List.copyOf(out);
            streams = List.copyOf(streams);
        }

        @Override
        public String describe() {
            return "each(" + op + (args.isEmpty() ? "" : " " + Nodes.join(args)) + ")" + Nodes.outs(out);
        }
    }

    /** Calls a function returning a CompletableFuture; the event resumes with its value. */
    record EachAsync(FnRef fn, List<Arg> args, List<String> out, Origin origin) implements Node {
        public EachAsync {
            args = List.copyOf(args);
            out = List.copyOf(out);
        }

        @Override
        public String describe() {
            return "eachAsync(" + fn + (args.isEmpty() ? "" : " " + Nodes.join(args)) + ")" + Nodes.outs(out);
        }
    }

    /** Continues only when the argument is truthy. */
    record KeepTrue(Arg cond, Origin origin) implements Node {
        @Override
        public String describe() {
            return "keepTrue(" + cond + ")";
        }
    }

    // ------------------------------------------------------------------------------ partitioners

    /** The kinds of partitioner. */
    enum PartitionKind {
        HASH, ALL, GLOBAL, SHUFFLE, DIRECT, CUSTOM, PATH, ORIGIN
    }

    /**
     * Moves the rest of the computation to other tasks. {@code pobject} names the depot or PState
     * whose partitioning applies (null for the module's tasks); {@code fn} is the custom function.
     */
    record Partition(PartitionKind kind, String pobject, FnRef fn, List<Arg> args, Origin origin) implements Node {
        public Partition {
            args = List.copyOf(args);
        }

        @Override
        public String describe() {
            return kind.name().toLowerCase(java.util.Locale.ROOT) + "Partition("
                    + (pobject == null ? "" : pobject + (args.isEmpty() ? "" : " "))
                    + (fn == null ? "" : fn + " ") + Nodes.join(args) + ")";
        }
    }

    // ------------------------------------------------------------------------------ control flow

    /** {@code ifTrue(cond, then[, else])}; branches unify afterwards. {@code otherwise} may be null. */
    record If(Arg cond, List<Node> then, List<Node> otherwise, Origin origin) implements Node {
        public If {
            then = List.copyOf(then);
            otherwise = otherwise == null ? null : List.copyOf(otherwise);
        }

        @Override
        public String describe() {
            return "ifTrue(" + cond + ")";
        }
    }

    /** One case of a {@link Cond}. */
    record CondCase(Arg cond, List<Node> body) implements Serializable {
        public CondCase {
            body = List.copyOf(body);
        }
    }

    /** The first case whose condition is truthy runs; branches unify afterwards. */
    record Cond(List<CondCase> cases, Origin origin) implements Node {
        public Cond {
            cases = List.copyOf(cases);
        }

        @Override
        public String describe() {
            return "cond(" + cases.size() + " cases)";
        }
    }

    /** One case of a {@link SubSource}: the value's class, and vars bound to the value. */
    record SubSourceCase(String className, List<String> out, List<Node> body) implements Serializable {
        public SubSourceCase {
            out = List.copyOf(out);
            body = List.copyOf(body);
        }
    }

    /** Dispatches on the runtime class of a value; branches unify afterwards. */
    record SubSource(Arg value, List<SubSourceCase> cases, Origin origin) implements Node {
        public SubSource {
            cases = List.copyOf(cases);
        }

        @Override
        public String describe() {
            return "subSource(" + value + ")";
        }
    }

    /** Labels the current attach point. */
    record Anchor(String name, Origin origin) implements Node {
        @Override
        public String describe() {
            return "anchor(" + name + ")";
        }
    }

    /** Continues attaching code at a labelled point. */
    record Hook(String name, Origin origin) implements Node {
        @Override
        public String describe() {
            return "hook(" + name + ")";
        }
    }

    /** Attaches a sub-block at an anchor; following code continues from before the branch. */
    record Branch(String anchor, List<Node> body, Origin origin) implements Node {
        public Branch {
            body = List.copyOf(body);
        }

        @Override
        public String describe() {
            return "branch(" + anchor + ")";
        }
    }

    /** Merges branches: the rest runs for emits arriving at any of the anchors. */
    record Unify(List<String> anchors, Origin origin) implements Node {
        public Unify {
            anchors = List.copyOf(anchors);
        }

        @Override
        public String describe() {
            return "unify(" + String.join(" ", anchors) + ")";
        }
    }

    /** Runs the body to completion, including its synchronous fan-out, then continues once. */
    record Atomic(List<Node> body, Origin origin) implements Node {
        public Atomic {
            body = List.copyOf(body);
        }

        @Override
        public String describe() {
            return "atomicBlock";
        }
    }

    /** A loop variable and its initial value. */
    record LoopVar(String name, Arg init) implements Serializable {}

    /** A loop: the body runs with the loop vars; emitLoop emits out of it, continueLoop iterates. */
    record Loop(List<LoopVar> vars, List<Node> body, List<String> out, Origin origin) implements Node {
        public Loop {
            vars = List.copyOf(vars);
            body = List.copyOf(body);
            out = List.copyOf(out);
        }

        @Override
        public String describe() {
            return "loop" + (vars.isEmpty() ? "" : "WithVars") + Nodes.outs(out);
        }
    }

    /** Emits values out of the enclosing loop. */
    record EmitLoop(List<Arg> values, Origin origin) implements Node {
        public EmitLoop {
            values = List.copyOf(values);
        }

        @Override
        public String describe() {
            return "emitLoop(" + Nodes.join(values) + ")";
        }
    }

    /** Starts another iteration of the enclosing loop with new loop var values. */
    record ContinueLoop(List<Arg> values, Origin origin) implements Node {
        public ContinueLoop {
            values = List.copyOf(values);
        }

        @Override
        public String describe() {
            return "continueLoop(" + Nodes.join(values) + ")";
        }
    }

    /** Yields the task thread when the event has run past its time budget. */
    record YieldIfOvertime(Origin origin) implements Node {
        @Override
        public String describe() {
            return "yieldIfOvertime";
        }
    }

    // ------------------------------------------------------------------------------ module objects

    /** Stream topologies: a value returned to the ACK appender under the topology's name. */
    record AckReturn(Arg value, Origin origin) implements Node {
        @Override
        public String describe() {
            return "ackReturn(" + value + ")";
        }
    }

    /** Appends to the partition of a depot on the current task. */
    record DepotPartitionAppend(String depot, Arg data, AckLevel ackLevel, Origin origin) implements Node {
        @Override
        public String describe() {
            return "depotPartitionAppend(" + depot + " " + data + ")";
        }
    }

    /** Invokes a query topology (local or mirror); an async boundary. */
    record InvokeQuery(String query, List<Arg> args, List<String> out, Origin origin) implements Node {
        public InvokeQuery {
            args = List.copyOf(args);
            out = List.copyOf(out);
        }

        @Override
        public String describe() {
            return "invokeQuery(" + query + (args.isEmpty() ? "" : " " + Nodes.join(args)) + ")" + Nodes.outs(out);
        }
    }

    /** Reads the PState partition of the current task; emits once per navigated value. */
    record LocalSelect(String pstate, Path path, boolean allowYield, List<String> out, Origin origin) implements Node {
        public LocalSelect {
            out = List.copyOf(out);
        }

        @Override
        public String describe() {
            return "localSelect(" + pstate + " " + path + ")" + Nodes.outs(out);
        }
    }

    /** Moves to the task owning the path's first key, then reads like {@link LocalSelect}. */
    record Select(String pstate, Path path, boolean allowYield, List<String> out, Origin origin) implements Node {
        public Select {
            out = List.copyOf(out);
        }

        @Override
        public String describe() {
            return "select(" + pstate + " " + path + ")" + Nodes.outs(out);
        }
    }

    /** Transforms the PState partition of the current task with a path ending in a terminal. */
    record LocalTransform(String pstate, Path path, Origin origin) implements Node {
        @Override
        public String describe() {
            return "localTransform(" + pstate + " " + path + ")";
        }
    }

    /** Resets the PState partition of the current task to its initial value. */
    record LocalClear(String pstate, Origin origin) implements Node {
        @Override
        public String describe() {
            return "localClear(" + pstate + ")";
        }
    }

    // ------------------------------------------------------------------------------ batch

    /** A batch block: pre-aggregation, aggregation and post-aggregation phases. */
    record BatchBlock(List<Node> body, Origin origin) implements Node {
        public BatchBlock {
            body = List.copyOf(body);
        }

        @Override
        public String describe() {
            return "batchBlock";
        }
    }

    /** Emits every record of a microbatch on the task owning its depot partition. */
    record ExplodeMicrobatch(String microbatch, List<String> out, Origin origin) implements Node {
        public ExplodeMicrobatch {
            out = List.copyOf(out);
        }

        @Override
        public String describe() {
            return "explodeMicrobatch(" + microbatch + ")" + Nodes.outs(out);
        }
    }

    /** A batch computation used as a source: its body and the vars it outputs. */
    record SubBatchDef(List<Node> body, List<String> outVars) implements Serializable {
        public SubBatchDef {
            body = List.copyOf(body);
            outVars = List.copyOf(outVars);
        }
    }

    /** Uses a sub-batch as a source of rows. */
    record SubBatchSource(SubBatchDef def, List<String> out, Origin origin) implements Node {
        public SubBatchSource {
            out = List.copyOf(out);
        }

        @Override
        public String describe() {
            return "subBatch" + Nodes.outs(out);
        }
    }

    /** Starts an independent source in a batch block (joined with the others on shared vars). */
    record FreshBatchSource(Origin origin) implements Node {
        @Override
        public String describe() {
            return "freshBatchSource";
        }
    }

    /** Stores rows in a temporary PState for later batch blocks of the same microbatch. */
    record Materialize(List<Arg> values, String tmpPState, Origin origin) implements Node {
        public Materialize {
            values = List.copyOf(values);
        }

        @Override
        public String describe() {
            return "materialize(" + Nodes.join(values) + ") -> " + tmpPState;
        }
    }

    /** Emits the rows of a materialized temporary PState. */
    record ExplodeMaterialized(String tmpPState, List<String> out, Origin origin) implements Node {
        public ExplodeMaterialized {
            out = List.copyOf(out);
        }

        @Override
        public String describe() {
            return "explodeMaterialized(" + tmpPState + ")" + Nodes.outs(out);
        }
    }

    /**
     * Aggregates: into a var ({@code target} = "*v"), into a temporary PState ("$$tmp") or, with
     * {@code intoPState}, into a module PState. The aggregation is a single {@link AggSpec} or a
     * {@link Compound} template.
     */
    record Aggregate(AggOrCompound agg, String target, boolean intoPState, Origin origin) implements Node {
        @Override
        public String describe() {
            return (agg instanceof Compound ? "compoundAgg(" : "agg(") + (intoPState ? target + " " : "") + agg + ")"
                    + (intoPState || target == null ? "" : " -> " + target);
        }
    }

    /** Groups rows by keys and runs the aggregators of the body per group. */
    record GroupBy(List<String> keys, List<Node> body, Origin origin) implements Node {
        public GroupBy {
            keys = List.copyOf(keys);
            body = List.copyOf(body);
        }

        @Override
        public String describe() {
            return "groupBy(" + String.join(" ", keys) + ")";
        }
    }

    /** Keeps {@code amount} rows, optionally sorted, re-emitting the vars in post-aggregation. */
    record LimitAgg(Arg amount, List<String> vars, List<String> sortVars, boolean reverse, String indexVar,
            Origin origin) implements Node {
        public LimitAgg {
            vars = List.copyOf(vars);
            sortVars = List.copyOf(sortVars);
        }

        @Override
        public String describe() {
            return "limitAgg(" + amount + " " + String.join(" ", vars) + ")";
        }
    }
}
