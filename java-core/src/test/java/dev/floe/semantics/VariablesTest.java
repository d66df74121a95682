package dev.floe.semantics;

import dev.floe.Agg;
import dev.floe.Block;
import dev.floe.Constant;
import dev.floe.Expr;
import dev.floe.FloeCompileException;
import dev.floe.Helpers;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.ops.Ops;
import dev.floe.test.TestPState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.floe.semantics.Recorder.REC;
import static dev.floe.semantics.Recorder.SEEN;
import static dev.floe.semantics.Recorder.TAG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RAMA-API.md §5.1: variables, naming and scope, through Block.execute(). */
class VariablesTest {
    @BeforeEach
    void reset() {
        Recorder.reset();
    }

    /** §5.1.1: a string starting with * or $$ is a var; anything else, or a Constant, is a literal. */
    @Test
    void recognitionByPrefix() {
        Block.each(Ops.IDENTITY, 7).out("*x")
                .each(REC, "*x")
                .each(REC, "x")
                .each(REC, new Constant("*x"))
                .each(REC, new Constant("$$p"))
                .execute();
        assertEquals(List.of(7, "x", "*x", "$$p"), SEEN);
    }

    /** §5.1.1: a $$ var names a PState and is usable as a value (EXTRACT_VALUE); a TestPState binds with out. */
    @Test
    void pstateVarAsValue() {
        TestPState tp = TestPState.create(Long.class);
        tp.transform(Path.termVal(41L));
        Block.each(Ops.IDENTITY, tp).out("$$p")
                .each(Ops.EXTRACT_VALUE, "$$p").out("*v")
                .each(REC, "*v")
                .localTransform("$$p", Path.term(Ops.INC_LONG))
                .each(Ops.EXTRACT_VALUE, "$$p").out("*w")
                .each(REC, "*w")
                .execute();
        assertEquals(List.of(41L, 42L), SEEN);
    }

    /** §5.1.2: **v is an outer-join var: the source that has it is optional in the join. */
    @Test
    void outerJoinVars() {
        Block.batchBlock(Block.each(Ops.EXPLODE, List.of("a", "b")).out("*user")
                        .freshBatchSource()
                        .each(Ops.EXPLODE, List.of(List.of("a", 1))).out("*pair")
                        .each(Ops.EXPAND, "*pair").out("*user", "**score")
                        .agg(Agg.set(new Expr(Ops.TUPLE, "*user", "**score"))).out("*rows")
                        .each(REC, "*rows"))
                .execute();
        assertEquals(List.of(Set.of(List.of("a", 1), Arrays.asList("b", null))), SEEN);
        Recorder.reset();
        // without **, the same join is inner: b has no match and is dropped
        Block.batchBlock(Block.each(Ops.EXPLODE, List.of("a", "b")).out("*user")
                        .freshBatchSource()
                        .each(Ops.EXPLODE, List.of(List.of("a", 1))).out("*pair")
                        .each(Ops.EXPAND, "*pair").out("*user", "*score")
                        .agg(Agg.set(new Expr(Ops.TUPLE, "*user", "*score"))).out("*rows")
                        .each(REC, "*rows"))
                .execute();
        assertEquals(List.of(Set.of(List.of("a", 1))), SEEN);
    }

    /** §5.1.3: anchors are not lexically scoped: one made inside an else block is hooked from outside. */
    @Test
    void anchorsAreNotLexicallyScoped() {
        Block.each(Ops.IDENTITY, 1).out("*a")
                .ifTrue(false, Block.each(REC, "then"),
                        Block.each(Ops.IDENTITY, "*a").out("*b").anchor("inside"))
                .each(TAG, "after", "*a")
                .hook("inside")
                .each(TAG, "hooked", "*b")
                .execute();
        assertEquals(List.of(List.of("after", 1), List.of("hooked", 1)), SEEN);
    }

    /** §5.1.4: re-binding a var shadows it in normal dataflow ... */
    @Test
    void shadowingIsLegal() {
        Block.each(Ops.IDENTITY, 1).out("*x")
                .each(Ops.INC, "*x").out("*x")
                .each(Ops.INC, "*x").out("*x")
                .each(REC, "*x")
                .execute();
        assertEquals(List.of(3), SEEN);
    }

    /** ... and a branch hooked before the shadowing still sees the earlier value; so does a later emit. */
    @Test
    void shadowingDoesNotLeakAcrossBranchesOrEmits() {
        Block.each(Ops.IDENTITY, 10).out("*x")
                .anchor("a")
                .each(Ops.EXPLODE, List.of(1, 2)).out("*e")
                .each(Ops.PLUS, "*x", "*e").out("*x")
                .each(TAG, "shadowed", "*x")
                .hook("a")
                .each(TAG, "original", "*x")
                .execute();
        assertEquals(List.of(List.of("shadowed", 11), List.of("shadowed", 12), List.of("original", 10)), SEEN);
    }

    /** §5.1.4: ... but illegal before aggregation in a batch block. */
    @Test
    void shadowingInPreAggIsAnError() {
        FloeCompileException e = assertThrows(FloeCompileException.class, () ->
                Block.batchBlock(Block.each(Ops.EXPLODE, List.of(1)).out("*v")
                        .each(Ops.INC, "*v").out("*v")
                        .agg(Agg.count()).out("*c")).execute());
        assertTrue(e.getMessage().contains("shadowed"), e.getMessage());
        assertTrue(e.getMessage().contains("*v"), e.getMessage());
    }

    /** §5.1.5: after a conditional, the scope is the intersection of the branches' scopes. */
    @Test
    void scopeAfterBranchesIsIntersection() {
        Block.each(Ops.EXPLODE, List.of(1, 2)).out("*n")
                .ifTrue(new Expr(Ops.IS_EVEN, "*n"),
                        Block.each(Ops.IDENTITY, "even").out("*kind").each(Ops.IDENTITY, 0).out("*onlyThen"),
                        Block.each(Ops.IDENTITY, "odd").out("*kind"))
                .each(TAG, "*kind", "*n")
                .execute();
        assertEquals(List.of(List.of("odd", 1), List.of("even", 2)), SEEN);

        FloeCompileException e = assertThrows(FloeCompileException.class, () ->
                Block.each(Ops.IDENTITY, 1).out("*n")
                        .ifTrue(true, Block.each(Ops.IDENTITY, 0).out("*onlyThen"), Block.each(Ops.IDENTITY, 1).out("*other"))
                        .each(REC, "*onlyThen")
                        .execute());
        assertTrue(e.getMessage().contains("unbound variable *onlyThen"), e.getMessage());
    }

    /** §5.1.5: cond, subSource and unify intersect scopes too. */
    @Test
    void condSubSourceAndUnifyIntersect() {
        assertThrows(FloeCompileException.class, () -> Block.each(Ops.IDENTITY, 1).out("*n")
                .cond(dev.floe.Case.create(false).each(Ops.IDENTITY, 1).out("*x"),
                        dev.floe.Case.create(true).each(Ops.IDENTITY, 2).out("*y"))
                .each(REC, "*x").execute());
        assertThrows(FloeCompileException.class, () -> Block.each(Ops.IDENTITY, 1).out("*n")
                .subSource("*n", dev.floe.SubSource.create(Integer.class).each(Ops.IDENTITY, 1).out("*x"),
                        dev.floe.SubSource.create(String.class).each(Ops.IDENTITY, 2).out("*y"))
                .each(REC, "*x").execute());
        assertThrows(FloeCompileException.class, () -> Block.each(Ops.IDENTITY, 1).out("*n")
                .anchor("root")
                .each(Ops.IDENTITY, 1).out("*x").anchor("a")
                .hook("root")
                .each(Ops.IDENTITY, 2).out("*y").anchor("b")
                .unify("a", "b")
                .each(REC, "*x").execute());
        Block.each(Ops.IDENTITY, 1).out("*n")
                .anchor("root")
                .each(Ops.IDENTITY, "left").out("*side").anchor("a")
                .hook("root")
                .each(Ops.IDENTITY, "right").out("*side").anchor("b")
                .unify("a", "b")
                .each(REC, "*side").execute();
        assertEquals(List.of("left", "right"), SEEN);
    }

    /** Each source of a batch block starts from the block's scope, not from another source's. */
    @Test
    void freshSourcesStartFresh() {
        FloeCompileException e = assertThrows(FloeCompileException.class, () ->
                Block.batchBlock(Block.each(Ops.EXPLODE, List.of(1)).out("*a")
                        .freshBatchSource()
                        .each(Ops.IDENTITY, "*a").out("*b")
                        .agg(Agg.count()).out("*c")).execute());
        assertTrue(e.getMessage().contains("unbound variable *a"), e.getMessage());
    }

    /** §5.1.6: generated vars are unique, recognisable and keep their prefix. */
    @Test
    void hygiene() {
        String a = Helpers.genVar("val");
        String b = Helpers.genVar("*val");
        assertNotEquals(a, b);
        assertTrue(a.startsWith("*"));
        assertTrue(Helpers.isGeneratedVar(a));
        assertFalse(Helpers.isGeneratedVar("*val"));
        assertEquals("val", Helpers.getGeneratedVarPrefix(a));
        assertEquals("val", Helpers.getGeneratedVarPrefix(b));
        assertThrows(IllegalArgumentException.class, () -> Helpers.getGeneratedVarPrefix("*val"));
        // a "macro" that binds a generated var twice does not collide with the user's var of the same prefix
        Block.each(Ops.IDENTITY, "user").out("*val")
                .macro(incTwice(1))
                .macro(incTwice(10))
                .each(REC, "*val")
                .execute();
        assertEquals(List.of(3, 12, "user"), SEEN);
    }

    private static Block incTwice(int start) {
        String v = Helpers.genVar("val");
        return Block.each(Ops.INC, start).out(v).each(Ops.INC, v).out(v).each(REC, v);
    }

    /** Vars must look like vars when bound. */
    @Test
    void bindingANonVarIsAnError() {
        FloeCompileException e = assertThrows(FloeCompileException.class, () ->
                Block.each(Ops.IDENTITY, 1).out("x").execute());
        assertTrue(e.getMessage().contains("cannot bind x"), e.getMessage());
    }

    /** Top-level maps of a PState schema are sorted (§5.7.1), here through a TestPState. */
    @Test
    void pstateMapsAreSorted() {
        TestPState tp = TestPState.create(PState.mapSchema(String.class, Long.class));
        Block.each(Ops.IDENTITY, tp).out("$$p")
                .each(Ops.EXPLODE, List.of("c", "a", "b")).out("*k")
                .localTransform("$$p", Path.key("*k").termVal(1L))
                .execute();
        assertEquals(List.of("a", "b", "c"), tp.select(Path.mapKeys()));
        assertEquals(Map.of("a", 1L, "b", 1L, "c", 1L), tp.selectOne(Path.stay()));
    }
}
