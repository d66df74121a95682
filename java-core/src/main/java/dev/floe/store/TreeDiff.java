package dev.floe.store;

import clojure.lang.APersistentSet;
import clojure.lang.IPersistentMap;
import clojure.lang.PersistentTreeMap;
import clojure.lang.PersistentTreeSet;

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
 * whole map instead. Used by schema checks of changed entries and by {@code dev.floe.diffs.Diffs}.
 */
public final class TreeDiff {
    private TreeDiff() {}

    private static final MethodHandle LEFT;
    private static final MethodHandle RIGHT;
    private static final MethodHandle KEY;
    private static final MethodHandle VAL;
    /** A set's map of elements (Clojure's {@code APersistentSet.impl}), or null when unreachable. */
    private static final MethodHandle SET_IMPL;

    /** Whether the node links are reachable on this Clojure version. */
    public static final boolean AVAILABLE;

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
        MethodHandle setImpl = null;
        try {
            setImpl = MethodHandles.privateLookupIn(APersistentSet.class, MethodHandles.lookup())
                    .findGetter(APersistentSet.class, "impl", IPersistentMap.class)
                    .asType(MethodType.methodType(Object.class, Object.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            setImpl = null;
        }
        SET_IMPL = setImpl;
        LEFT = left;
        RIGHT = right;
        KEY = key;
        VAL = val;
        AVAILABLE = ok;
    }

    /**
     * The sorted map holding a sorted set's elements (element → element), whose nodes two
     * versions of the set share as the maps do; null when it cannot be reached.
     */
    public static PersistentTreeMap treeOf(PersistentTreeSet set) {
        if (SET_IMPL == null) {
            return null;
        }
        try {
            Object impl = (Object) SET_IMPL.invokeExact((Object) set);
            return impl instanceof PersistentTreeMap ? (PersistentTreeMap) impl : null;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("reading a sorted set's map failed", t);
        }
    }

    /**
     * Calls {@code out} with every entry of {@code next} that is not in a subtree shared with
     * {@code prev} (a superset of the entries of {@code next} that are new or changed). Needs
     * {@link #AVAILABLE}.
     */
    public static void changed(PersistentTreeMap prev, PersistentTreeMap next, BiConsumer<Object, Object> out) {
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
