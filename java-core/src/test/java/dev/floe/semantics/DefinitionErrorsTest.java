package dev.floe.semantics;

import dev.floe.Agg;
import dev.floe.Block;
import dev.floe.CompoundAgg;
import dev.floe.Depot;
import dev.floe.FloeCompileException;
import dev.floe.FloeModule;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.builder.ModuleBuilder;
import dev.floe.compiler.CompiledModule;
import dev.floe.compiler.ModuleCompiler;
import dev.floe.ops.Ops;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of definition error is caught before anything runs, with a message naming the
 * module, the topology, the step (and the line that wrote it) and the variable.
 */
class DefinitionErrorsTest {
    static final String MODULE = "ErrorsModule";

    static CompiledModule compile(FloeModule m) {
        return ModuleCompiler.compile(ModuleBuilder.define(m));
    }

    static String error(FloeModule m) {
        return assertThrows(FloeCompileException.class, () -> compile(m)).getMessage();
    }

    static FloeModule module(java.util.function.BiConsumer<FloeModule.Setup, FloeModule.Topologies> define) {
        return new FloeModule() {
            @Override
            public void define(Setup setup, Topologies topologies) {
                define.accept(setup, topologies);
            }

            @Override
            public String getModuleName() {
                return MODULE;
            }
        };
    }

    static void assertNames(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "expected \"" + p + "\" in: " + message);
        }
    }

    @Test
    void aValidModuleCompiles() {
        CompiledModule cm = compile(module((setup, t) -> {
            setup.declareDepot("*words", Depot.random());
            var s = t.stream("counts");
            s.pstate("$$counts", PState.mapSchema(String.class, Long.class));
            s.source("*words").out("*word")
                    .hashPartition("*word")
                    .compoundAgg("$$counts", CompoundAgg.map("*word", Agg.count()));
            t.query("count", "*word").out("*n")
                    .hashPartition("*word")
                    .localSelect("$$counts", Path.key("*word")).out("*n")
                    .originPartition();
        }));
        assertEquals(1, cm.sources().size());
        assertEquals(1, cm.queries().size());
    }

    @Test
    void unboundVariable() {
        String m = error(module((setup, t) -> {
            setup.declareDepot("*d", Depot.random());
            t.stream("s").source("*d").out("*x")
                    .each(Ops.INC, "*y").out("*z");
        }));
        assertNames(m, "module " + MODULE, "topology 's'", "each(Ops.INC *y)", "DefinitionErrorsTest.java:", "unbound variable *y");
    }

    @Test
    void variableBoundOnSomeBranches() {
        String m = error(module((setup, t) -> {
            setup.declareDepot("*d", Depot.random());
            t.stream("s").source("*d").out("*x")
                    .ifTrue(true, Block.each(Ops.IDENTITY, 1).out("*only"))
                    .each(Ops.INC, "*only").out("*z");
        }));
        assertNames(m, "topology 's'", "each(Ops.INC *only)", "unbound variable *only");
    }

    @Test
    void shadowingInPreAgg() {
        String m = error(module((setup, t) -> {
            setup.declareDepot("*d", Depot.random());
            var mb = t.microbatch("mb");
            mb.pstate("$$total", Long.class);
            mb.source("*d").out("*mb")
                    .batchBlock(Block.explodeMicrobatch("*mb").out("*v")
                            .each(Ops.IDENTITY, "*v").out("*v")
                            .globalPartition()
                            .agg("$$total", Agg.count()));
        }));
        assertNames(m, "topology 'mb'", "each(Ops.IDENTITY *v).out(*v)", "shadowed", "*v");
    }

    @Test
    void partitionerInPostAgg() {
        String m = error(module((setup, t) -> {
            setup.declareDepot("*d", Depot.random());
            t.microbatch("mb").source("*d").out("*mb")
                    .batchBlock(Block.explodeMicrobatch("*mb").out("*v")
                            .globalPartition()
                            .agg(Agg.count()).out("*c")
                            .hashPartition("*c"));
        }));
        assertNames(m, "topology 'mb'", "hashPartition(*c)", "not allowed after aggregation");
    }

    @Test
    void noJoinPossible() {
        String m = error(module((setup, t) -> {
            setup.declareDepot("*d", Depot.random());
            t.microbatch("mb").source("*d").out("*mb")
                    .batchBlock(Block.explodeMicrobatch("*mb").out("*a")
                            .freshBatchSource()
                            .explodeMicrobatch("*mb").out("*b")
                            .agg(Agg.count()).out("*c"));
        }));
        assertNames(m, "topology 'mb'", "batchBlock", "no possible joins", "*a", "*b");
    }

    @Test
    void queryWithoutOriginPartition() {
        String m = error(module((setup, t) -> t.query("q", "*a").out("*r")
                .each(Ops.INC, "*a").out("*r")));
        assertNames(m, "module " + MODULE, "topology 'q'", "originPartition");
    }

    @Test
    void queryMustBindItsOutput() {
        String m = error(module((setup, t) -> t.query("q", "*a").out("*r")
                .originPartition()
                .each(Ops.INC, "*a").out("*other")));
        assertNames(m, "topology 'q'", "must bind its output var *r");
    }

    @Test
    void wrongArityOfOut() {
        String m = error(module((setup, t) -> {
            setup.declareDepot("*d", Depot.random());
            t.stream("s").source("*d").out("*x")
                    .each(Ops.INC, "*x").out("*a", "*b");
        }));
        assertNames(m, "topology 's'", "each(Ops.INC *x).out(*a *b)", "wrong arity of .out", "a function emits exactly one value");
    }

    @Test
    void unknownDepotPStateAndAnchor() {
        assertNames(error(module((setup, t) -> t.stream("s").source("*missing").out("*x"))),
                "unknown depot *missing");
        assertNames(error(module((setup, t) -> {
            setup.declareDepot("*d", Depot.random());
            t.stream("s").source("*d").out("*x").localSelect("$$nope", Path.key("*x")).out("*v");
        })), "localSelect($$nope", "unknown PState $$nope");
        assertNames(error(module((setup, t) -> {
            setup.declareDepot("*d", Depot.random());
            t.stream("s").source("*d").out("*x").hook("nowhere");
        })), "hook(nowhere)", "unknown anchor nowhere");
    }

    @Test
    void writingAnotherTopologysPState() {
        String m = error(module((setup, t) -> {
            setup.declareDepot("*d", Depot.random());
            t.stream("owner").pstate("$$p", PState.mapSchema(String.class, Long.class));
            t.stream("other").source("*d").out("*x")
                    .localTransform("$$p", Path.key("*x").termVal(1L));
        }));
        assertNames(m, "topology 'other'", "$$p is owned by another topology");
    }

    @Test
    void queriesAreReadOnly() {
        String m = error(module((setup, t) -> {
            t.stream("owner").pstate("$$p", PState.mapSchema(String.class, Long.class));
            t.query("q", "*k").out("*r")
                    .localTransform("$$p", Path.key("*k").termVal(1L))
                    .originPartition()
                    .each(Ops.IDENTITY, 1).out("*r");
        }));
        assertNames(m, "topology 'q'", "read-only");
    }

    @Test
    void misplacedSteps() {
        assertNames(error(module((setup, t) -> {
            setup.declareDepot("*d", Depot.random());
            t.microbatch("mb").source("*d").out("*mb").explodeMicrobatch("*mb").out("*x").ackReturn("*x");
        })), "ackReturn", "only valid in stream topologies");
        assertNames(error(module((setup, t) -> {
            setup.declareDepot("*d", Depot.random());
            t.stream("s").source("*d").out("*x").emitLoop("*x");
        })), "emitLoop", "only valid inside a loop body");
        assertNames(error(module((setup, t) -> {
            setup.declareDepot("*d", Depot.random());
            t.stream("s").source("*d").out("*x").agg(Agg.count()).out("*c");
        })), "only valid in batch blocks and query topologies");
        assertNames(error(module((setup, t) -> {
            setup.declareDepot("*d", Depot.random());
            t.stream("s").source("*d").out("*x").batchBlock(Block.each(Ops.IDENTITY, 1).out("*y"));
        })), "batch blocks are only valid in microbatch topologies");
        assertNames(error(module((setup, t) -> {
            setup.declareDepot("*d", Depot.random());
            t.stream("s").source("*d").out("*x").originPartition();
        })), "originPartition is only valid in query topologies");
    }

    @Test
    void transformPathsEndInTerminals() {
        String m = error(module((setup, t) -> {
            setup.declareDepot("*d", Depot.random());
            var s = t.stream("s");
            s.pstate("$$p", PState.mapSchema(String.class, Long.class));
            s.source("*d").out("*x").localTransform("$$p", Path.key("*x"));
        }));
        assertNames(m, "must end in term, termVal or termVoid");
    }

    @Test
    void loopArity() {
        String m = error(module((setup, t) -> {
            setup.declareDepot("*d", Depot.random());
            t.stream("s").source("*d").out("*x")
                    .loopWithVars(dev.floe.LoopVars.var("*i", 0), Block.continueLoop(1, 2)).out("*o");
        }));
        assertNames(m, "continueLoop(1 2)", "passes 2 value(s) but the loop has 1 loop var(s)");
    }

    @Test
    void namesAndDuplicates() {
        assertNames(error(module((setup, t) -> setup.declareDepot("depot", Depot.random()))),
                "a depot name starts with *, got depot");
        assertNames(error(module((setup, t) -> t.stream("s").pstate("p", Long.class))),
                "a PState name starts with $$, got p");
        assertNames(error(module((setup, t) -> {
            setup.declareDepot("*d", Depot.random());
            setup.declareDepot("*d", Depot.random());
        })), "*d is declared twice");
        assertNames(error(module((setup, t) -> {
            t.stream("s");
            t.microbatch("s");
        })), "two topologies are named 's'");
    }

    /** Java's types rule out a wrong-arity Expr; IR from elsewhere (the Clojure DSL) is checked too. */
    @Test
    void expressionsMustBeFunctionsOfTheirArity() {
        dev.floe.ir.Node each = new dev.floe.ir.Node.Each(dev.floe.ir.FnRef.of(Ops.IDENTITY),
                List.of(new dev.floe.ir.Arg.Expr(dev.floe.ir.FnRef.of(Ops.INC),
                        List.of(new dev.floe.ir.Arg.Var("*x"), new dev.floe.ir.Arg.Var("*x")))),
                List.of("*y"), List.of(), dev.floe.ir.Origin.of("Some.clj:3"));
        String m = assertThrows(FloeCompileException.class, () -> dev.floe.compiler.DataflowCompiler.compile(List.of(each),
                List.of("*x"), dev.floe.compiler.CompileContext.local())).getMessage();
        assertNames(m, "Some.clj:3", "Ops.INC is not a function of 2 argument(s)");
        dev.floe.ir.Node op = new dev.floe.ir.Node.Each(dev.floe.ir.FnRef.of(Ops.IDENTITY),
                List.of(new dev.floe.ir.Arg.Expr(dev.floe.ir.FnRef.of(Ops.EXPLODE), List.of(new dev.floe.ir.Arg.Var("*x")))),
                List.of("*y"), List.of(), dev.floe.ir.Origin.UNKNOWN);
        m = assertThrows(FloeCompileException.class, () -> dev.floe.compiler.DataflowCompiler.compile(List.of(op),
                List.of("*x"), dev.floe.compiler.CompileContext.local())).getMessage();
        assertNames(m, "it is an operation: use it with each, not in an Expr");
    }

    @Test
    void errorsComeBeforeAnythingRuns() {
        List<Object> sideEffects = new java.util.ArrayList<>();
        assertThrows(FloeCompileException.class, () -> Block.each((Object x) -> sideEffects.add(x), 1)
                .each(Ops.INC, "*unbound").out("*z")
                .execute());
        assertEquals(List.of(), sideEffects);
    }
}
