package dev.floe.store;

import clojure.lang.PersistentTreeMap;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.BiConsumer;

/**
 * The entries of a {@link PersistentTreeMap} that may differ from an earlier version of it,
 * found by walking both trees together and skipping every subtree the two share: after a write
 * of one key that is the path to that key and the few nodes rebalancing touched, so a write
 * costs O(log n) here instead of a walk of the whole map.
 *
 * <p>A skipped subtree is one the earlier version holds (nodes are immutable), so everything in
 * it was already there; what is reported is a superset of the changed entries (all entries of a
 * node rotation moved are reported, changed or not). Uses the map's node links, which Clojure
 * does not make public; when they cannot be reached ({@link #AVAILABLE} false) callers walk the
 * whole map instead.
 */
final class TreeDiff {
    private TreeDiff() {}

    private static final MethodHandle LEFT;
    private static final MethodHandle RIGHT;
    private static final MethodHandle KEY;
    private static final MethodHandle VAL;

    /** Whether the node links are reachable on this Clojure version. */
    static final boolean AVAILABLE;

    static {
        MethodHandle left = null;
        MethodHandle right = null;
        MethodHandle key = null;
        MethodHandle val = null;
        boolean ok;
        try {
            Class<?> node = Class.forName("clojure.lang.PersistentTreeMap$Node");
            MethodHandles.Lookup l = MethodHandles.privateLookupIn(node, MethodHandles.lookup());
            left = l.findVirtual(node, "left", MethodType.methodType(node)).asType(MethodType.methodType(Object.class, Object.class));
            right = l.findVirtual(node, "right", MethodType.methodType(node)).asType(MethodType.methodType(Object.class, Object.class));
            key = l.findVirtual(node, "key", MethodType.methodType(Object.class)).asType(MethodType.methodType(Object.class, Object.class));
            val = l.findVirtual(node, "val", MethodType.methodType(Object.class)).asType(MethodType.methodType(Object.class, Object.class));
            ok = true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            ok = false;
        }
        LEFT = left;
        RIGHT = right;
        KEY = key;
        VAL = val;
        AVAILABLE = ok;
    }

    /** Calls {@code out} with every entry of {@code next} that is not in a subtree shared with {@code prev}. */
    static void changed(PersistentTreeMap prev, PersistentTreeMap next, BiConsumer<Object, Object> out) {
        try {
            walk(prev.tree, next.tree, out);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("walking a sorted map's nodes failed", t);
        }
    }

    private static void walk(Object before, Object node, BiConsumer<Object, Object> out) throws Throwable {
        while (node != null && node != before) {
            out.accept((Object) KEY.invokeExact(node), (Object) VAL.invokeExact(node));
            Object beforeLeft = before == null ? null : (Object) LEFT.invokeExact(before);
            walk(beforeLeft, (Object) LEFT.invokeExact(node), out);
            before = before == null ? null : (Object) RIGHT.invokeExact(before);
            node = (Object) RIGHT.invokeExact(node);
        }
    }
}
