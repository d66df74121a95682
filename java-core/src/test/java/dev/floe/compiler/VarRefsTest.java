package dev.floe.compiler;

import dev.floe.Path;
import dev.floe.ir.Arg;
import dev.floe.ir.FnRef;
import dev.floe.ir.Node;
import dev.floe.ir.Origin;
import dev.floe.ops.Ops;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The variables a step reads from its scope and binds for the steps after it. */
class VarRefsTest {
    private static final Origin O = Origin.UNKNOWN;
    private static final FnRef F = FnRef.of(Ops.TUPLE);

    private static Arg v(String name) {
        return new Arg.Var(name);
    }

    private static Node each(List<Arg> args, String... out) {
        return new Node.Each(F, args, List.of(out), List.of(), O);
    }

    @Test
    void argumentsNestedExpressionsAndPaths() {
        Node n = each(List.of(v("*a"), new Arg.Lit(1), new Arg.Expr(F, List.of(v("*b"), new Arg.Expr(F, List.of(v("*c")))))),
                "*out");
        assertEquals(List.of("*a", "*b", "*c"), List.copyOf(VarRefs.reads(n)));
        assertEquals(Set.of("*out"), VarRefs.binds(n));
        assertEquals(Set.of("$$p", "*k", "*v"),
                VarRefs.reads(new Node.LocalTransform("$$p", Path.key("*k").termVal("*v"), O)));
        assertEquals(Set.of("$$p", "*k"), VarRefs.reads(new Node.LocalSelect("$$p", Path.key("*k"), false, List.of("*r"), O)));
        // a path given as an argument (pathPartition) reads its vars too
        assertEquals(Set.of("$$p", "*k"), VarRefs.reads(new Node.Partition(Node.PartitionKind.PATH, "$$p", null,
                List.of(new Arg.Lit(Path.key("*k"))), O)));
        assertEquals(Set.of(), VarRefs.reads(new Node.Partition(Node.PartitionKind.GLOBAL, null, null, List.of(), O)));
    }

    @Test
    void subBlocksReadWhatTheyDoNotBindThemselves() {
        // the then-branch binds *t and reads it: only *a, *b and *c come from outside
        Node n = new Node.If(v("*a"), List.of(each(List.of(v("*b")), "*t"), each(List.of(v("*t"), v("*c")))),
                List.of(each(List.of(), "*t")), O);
        assertEquals(Set.of("*a", "*b", "*c"), VarRefs.reads(n));
        assertEquals(Set.of("*t"), VarRefs.binds(n), "both branches bind *t");
        Node oneSided = new Node.If(v("*a"), List.of(each(List.of(), "*t")), null, O);
        assertEquals(Set.of(), VarRefs.binds(oneSided), "without else nothing is bound after the if");
        // loop vars are bound inside the loop
        Node loop = new Node.Loop(List.of(new Node.LoopVar("*i", v("*start"))),
                List.of(new Node.EmitLoop(List.of(v("*i"), v("*outer")), O)), List.of("*r"), O);
        assertEquals(Set.of("*start", "*outer"), VarRefs.reads(loop));
        assertEquals(Set.of("*r"), VarRefs.binds(loop));
        // a subSource case binds its out vars
        Node sub = new Node.SubSource(v("*e"), List.of(
                new Node.SubSourceCase("java.lang.Long", List.of("*n"), List.of(each(List.of(v("*n"), v("*z")), "*m"))),
                new Node.SubSourceCase("java.lang.String", List.of("*m"), List.of())), O);
        assertEquals(Set.of("*e", "*z"), VarRefs.reads(sub));
        assertEquals(Set.of("*m"), VarRefs.binds(sub));
    }

    @Test
    void sourcesAndBatchSteps() {
        Node.SubBatchDef def = new Node.SubBatchDef(List.of(each(List.of(v("*outer")), "*x")), List.of("*x"));
        assertEquals(Set.of("*outer"), VarRefs.reads(new Node.SubBatchSource(def, List.of(), O)));
        assertEquals(Set.of("*x"), VarRefs.binds(new Node.SubBatchSource(def, List.of(), O)), "the def's out vars");
        assertEquals(Set.of("*y"), VarRefs.binds(new Node.SubBatchSource(def, List.of("*y"), O)));
        assertEquals(Set.of("*mb"), VarRefs.reads(new Node.ExplodeMicrobatch("*mb", List.of("*r"), O)));
        assertEquals(Set.of(), VarRefs.reads(new Node.FreshBatchSource(O)));
        assertEquals(Set.of("*a", "*b"), VarRefs.bindsOf(List.of(each(List.of(), "*a"), each(List.of(v("*a")), "*b"))));
    }
}
