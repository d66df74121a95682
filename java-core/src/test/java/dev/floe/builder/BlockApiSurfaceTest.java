package dev.floe.builder;

import dev.floe.AckLevel;
import dev.floe.Agg;
import dev.floe.Block;
import dev.floe.Case;
import dev.floe.CompoundAgg;
import dev.floe.LoopVars;
import dev.floe.Path;
import dev.floe.SelectOptions;
import dev.floe.SubBatch;
import dev.floe.SubSource;
import dev.floe.ir.Node;
import dev.floe.ops.LimitAgg;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every step of the Block API: each static starter builds the same IR as the chain method on an
 * empty block, each produces the IR node it documents, and Case/SubSource chains offer the same
 * steps.
 */
class BlockApiSurfaceTest {
    /** The IR node each step produces. */
    static final Map<String, Class<?>> NODE_OF = new HashMap<>();

    static {
        NODE_OF.put("each", Node.Each.class);
        NODE_OF.put("eachAsync", Node.EachAsync.class);
        NODE_OF.put("keepTrue", Node.KeepTrue.class);
        NODE_OF.put("ifTrue", Node.If.class);
        NODE_OF.put("cond", Node.Cond.class);
        NODE_OF.put("subSource", Node.SubSource.class);
        NODE_OF.put("anchor", Node.Anchor.class);
        NODE_OF.put("hook", Node.Hook.class);
        NODE_OF.put("branch", Node.Branch.class);
        NODE_OF.put("unify", Node.Unify.class);
        NODE_OF.put("atomicBlock", Node.Atomic.class);
        NODE_OF.put("loop", Node.Loop.class);
        NODE_OF.put("loopWithVars", Node.Loop.class);
        NODE_OF.put("emitLoop", Node.EmitLoop.class);
        NODE_OF.put("continueLoop", Node.ContinueLoop.class);
        NODE_OF.put("yieldIfOvertime", Node.YieldIfOvertime.class);
        NODE_OF.put("ackReturn", Node.AckReturn.class);
        NODE_OF.put("depotPartitionAppend", Node.DepotPartitionAppend.class);
        NODE_OF.put("invokeQuery", Node.InvokeQuery.class);
        for (String p : List.of("hashPartition", "allPartition", "globalPartition", "shufflePartition", "directPartition",
                "pathPartition", "originPartition", "customPartition")) {
            NODE_OF.put(p, Node.Partition.class);
        }
        NODE_OF.put("localSelect", Node.LocalSelect.class);
        NODE_OF.put("select", Node.Select.class);
        NODE_OF.put("localTransform", Node.LocalTransform.class);
        NODE_OF.put("localClear", Node.LocalClear.class);
        NODE_OF.put("batchBlock", Node.BatchBlock.class);
        NODE_OF.put("explodeMicrobatch", Node.ExplodeMicrobatch.class);
        NODE_OF.put("subBatch", Node.SubBatchSource.class);
        NODE_OF.put("freshBatchSource", Node.FreshBatchSource.class);
        NODE_OF.put("materialize", Node.Materialize.class);
        NODE_OF.put("explodeMaterialized", Node.ExplodeMaterialized.class);
        NODE_OF.put("agg", Node.Aggregate.class);
        NODE_OF.put("compoundAgg", Node.Aggregate.class);
        NODE_OF.put("groupBy", Node.GroupBy.class);
        NODE_OF.put("limitAgg", Node.LimitAgg.class);
        NODE_OF.put("macro", Node.Each.class);
    }

    private static final Map<Class<?>, Object> FUNCTIONS = new HashMap<>();

    /** A stand-in argument of each parameter type (the same object on every call, so IR compares equal). */
    static Object argFor(Class<?> type) {
        if (type == String.class) {
            return "*a";
        }
        if (type == Object.class) {
            return "*b";
        }
        if (type == String[].class) {
            return new String[] {"*a", "*b"};
        }
        if (type == Object[].class) {
            return new Object[] {"*a", 1};
        }
        if (type == Block.class) {
            return Block.each(dev.floe.ops.Ops.IDENTITY, 1).out("*q");
        }
        if (type == Case[].class) {
            return new Case[] {Case.create(true).each(dev.floe.ops.Ops.IDENTITY, 1).out("*c")};
        }
        if (type == SubSource[].class) {
            return new SubSource[] {SubSource.create(String.class).each(dev.floe.ops.Ops.IDENTITY, 1).out("*c")};
        }
        if (type == LoopVars.class) {
            return LoopVars.var("*i", 0);
        }
        if (type == Path.class) {
            return Path.key("*a").termVal(1);
        }
        if (type == SelectOptions.class) {
            return SelectOptions.allowYield();
        }
        if (type == AckLevel.class) {
            return AckLevel.APPEND_ACK;
        }
        if (type == SubBatch.class) {
            return new SubBatch(Block.each(dev.floe.ops.Ops.IDENTITY, 1).out("*s"), "*s");
        }
        if (type == Agg.class) {
            return Agg.count();
        }
        if (type == CompoundAgg.class) {
            return CompoundAgg.map("*a", Agg.count());
        }
        if (type == LimitAgg.class) {
            return LimitAgg.create(1, "*a");
        }
        if (type.isInterface() && type.getPackageName().equals("dev.floe.ops")) {
            return FUNCTIONS.computeIfAbsent(type, t -> Proxy.newProxyInstance(t.getClassLoader(), new Class<?>[] {t},
                    (proxy, m, a) -> m.getName().equals("equals") ? proxy == a[0]
                            : m.getName().equals("hashCode") ? System.identityHashCode(proxy)
                            : m.getName().equals("toString") ? "fn:" + t.getSimpleName() : null));
        }
        throw new IllegalArgumentException("no stand-in for " + type);
    }

    static List<Method> staticSteps() {
        List<Method> out = new ArrayList<>();
        for (Method m : Block.class.getDeclaredMethods()) {
            if (Modifier.isStatic(m.getModifiers()) && Modifier.isPublic(m.getModifiers()) && !m.getName().equals("create")) {
                out.add(m);
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyStaticStarterEqualsTheChainMethod() {
        return staticSteps().stream().map(m -> DynamicTest.dynamicTest(m.toString(), () -> {
            Object[] args = new Object[m.getParameterCount()];
            for (int i = 0; i < args.length; i++) {
                args[i] = argFor(m.getParameterTypes()[i]);
            }
            Object started = m.invoke(null, args);
            Method chain = Block.Chain.class.getMethod(m.getName(), m.getParameterTypes());
            Object chained = chain.invoke(Block.create(), args);
            List<Node> a = ((ChainSupport<?, ?, ?>) started).toNodes();
            List<Node> b = ((ChainSupport<?, ?, ?>) chained).toNodes();
            assertEquals(b, a);
            if (!m.getName().equals("macro")) {
                assertEquals(1, a.size(), m + " adds one step");
                assertEquals(NODE_OF.get(m.getName()), a.get(0).getClass(), m + " produces its node");
            }
            assertFalse(a.get(0).describe().isEmpty());
            assertTrue(a.get(0).origin().isKnown(), "the step records the line that wrote it: " + a.get(0));
        }));
    }

    @Test
    void everyChainMethodHasAStaticStarter() throws NoSuchMethodException {
        int chainMethods = 0;
        for (Method m : Block.Chain.class.getMethods()) {
            chainMethods++;
            Block.class.getMethod(m.getName(), m.getParameterTypes());
        }
        assertEquals(chainMethods, staticSteps().size());
        assertTrue(chainMethods >= 97, "the whole step catalogue is present: " + chainMethods);
    }

    @Test
    void casesAndSubSourcesOfferEveryStep() {
        for (Method m : Block.Chain.class.getMethods()) {
            assertTrue(Case.Impl.class.isAssignableFrom(Case.create(true).getClass()));
            assertTrue(m.getDeclaringClass().isAssignableFrom(Case.Impl.class));
            assertTrue(m.getDeclaringClass().isAssignableFrom(SubSource.Impl.class));
        }
    }

    @Test
    void outBindsTheLastStepOnly() {
        List<Node> nodes = ((ChainSupport<?, ?, ?>) Block.each(dev.floe.ops.Ops.INC, 1).out("*x")
                .each(dev.floe.ops.Ops.INC, "*x").out("*y")).toNodes();
        assertEquals(List.of("*x"), ((Node.Each) nodes.get(0)).out());
        assertEquals(List.of("*y"), ((Node.Each) nodes.get(1)).out());
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () ->
                ((Block.MultiOutImpl) Block.keepTrue(true)).out("*x"));
        assertTrue(e.getMessage().contains("must directly follow a step that emits values"), e.getMessage());
    }

    @Test
    void macroSplicesSteps() {
        Block generated = Block.each(dev.floe.ops.Ops.INC, "*a").out("*b").each(dev.floe.ops.Ops.INC, "*b").out("*c");
        List<Node> nodes = ((ChainSupport<?, ?, ?>) Block.each(dev.floe.ops.Ops.IDENTITY, 1).out("*a").macro(generated)
                .each(dev.floe.ops.Ops.IDENTITY, "*c").out("*d")).toNodes();
        assertEquals(4, nodes.size());
    }
}
