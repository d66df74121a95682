package dev.floe.runtime;

import clojure.lang.IDeref;
import dev.floe.Path;
import dev.floe.ProxyState;
import dev.floe.diffs.DestroyedDiff;
import dev.floe.diffs.Diff;
import dev.floe.diffs.Diffs;
import dev.floe.diffs.NewValueDiff;
import dev.floe.diffs.ResyncDiff;
import dev.floe.diffs.UngracefulTerminationDiff;
import dev.floe.path.PathImpl;
import dev.floe.specter.Nav;
import dev.floe.specter.Specter;
import dev.floe.store.PStatePartition;
import dev.floe.store.StoredStructure;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;

/**
 * Reactive proxies. A proxy lives on the task that holds its value's partition: it is registered
 * there with its compiled path, and every commit of the task that touches the proxy's PState
 * compares the value at the path before and after (before the commit is written, while both the
 * committed and the working version are at hand) and pushes the diff, if any, to the client. The
 * diff describes only what changed ({@link Diffs#between}); for a stored structure it is read from
 * the commit's overlay, not from the whole value.
 *
 * <p>Per proxy, changes are delivered in commit order, one at a time, off the task thread. A task
 * never waits for a client: each proxy buffers at most {@link #BUFFERED_CHANGES_MAX} changes; a
 * client that falls further behind is resynced (its buffer dropped, the whole value read again
 * and delivered with a {@link ResyncDiff}). A task holds at most {@link #PROXIES_PER_TASK_MAX}
 * proxies.
 */
final class Proxies {
    private Proxies() {}

    /** The most proxies one task holds; a subscription beyond it fails. */
    static final int PROXIES_PER_TASK_MAX = Integer.getInteger("floe.proxy.perTaskMax", 100_000);
    /** The most changes buffered for one proxy whose client has not taken them; beyond it the proxy resyncs. */
    static final int BUFFERED_CHANGES_MAX = Integer.getInteger("floe.proxy.bufferedChangesMax", 1_000);

    private static final AtomicLong IDS = new AtomicLong();

    record Subscribe(long id, String pstate, Path path) implements Serializable {}

    /**
     * The proxies on one PState of a task: those whose path starts with a key, by that key (a
     * commit looks only at the keys it changed), and the others.
     */
    static final class PStateProxies {
        final Map<Object, List<Registration>> byKey = new java.util.HashMap<>();
        final List<Registration> unkeyed = new ArrayList<>();
        final Map<Long, Registration> byId = new java.util.HashMap<>();

        void add(Registration r) {
            byId.put(r.id, r);
            Object key = ((PathImpl) r.path).leadingKey();
            if (key == PathImpl.NO_LEADING_KEY) {
                unkeyed.add(r);
            } else {
                byKey.computeIfAbsent(norm(key), k -> new ArrayList<>()).add(r);
            }
        }

        boolean remove(long id) {
            Registration r = byId.remove(id);
            if (r == null) {
                return false;
            }
            Object key = ((PathImpl) r.path).leadingKey();
            if (key == PathImpl.NO_LEADING_KEY) {
                unkeyed.remove(r);
            } else {
                Object k = norm(key);
                List<Registration> l = byKey.get(k);
                l.remove(r);
                if (l.isEmpty()) {
                    byKey.remove(k);
                }
            }
            return true;
        }

        /** Keys as a map equal to them finds them: 5 and 5L are one key. */
        static Object norm(Object k) {
            if (k instanceof Integer || k instanceof Short || k instanceof Byte) {
                return ((Number) k).longValue();
            }
            return k;
        }

        Registration find(long id) {
            return byId.get(id);
        }

        List<Registration> all() {
            List<Registration> out = new ArrayList<>(unkeyed);
            for (List<Registration> l : byKey.values()) {
                out.addAll(l);
            }
            return out;
        }
    }

    /** A proxy registered on its task. */
    static final class Registration {
        final long id;
        final String pstate;
        final Path path;
        final Nav nav;
        final ClientProxy<?> client;

        Registration(long id, String pstate, Path path, Nav nav, ClientProxy<?> client) {
            this.id = id;
            this.pstate = pstate;
            this.path = path;
            this.nav = nav;
            this.client = client;
        }
    }

    // ------------------------------------------------------------------------------ client calls

    /** Subscribes: completes with the proxy once it holds the current value. */
    static <T> CompletableFuture<ProxyState<T>> subscribe(Supplier<ModuleRuntime> module, String pstate, Path path,
            Object partitionKey, ProxyState.Callback<T> callback) {
        if (path == null) {
            throw new IllegalArgumentException("the path must not be null");
        }
        ModuleRuntime m = module.get();
        ClientProxy<T> proxy = new ClientProxy<>(IDS.incrementAndGet(), module, pstate, path, partitionKey, callback);
        int task = proxy.taskIn(m);
        proxy.task = task;
        m.send(ModuleRuntime.CLIENT, task, "proxy " + pstate, new Subscribe(proxy.id, pstate, path),
                (t, s) -> register(t, s, proxy, false));
        return proxy.ready;
    }

    // ------------------------------------------------------------------------------ tasks

    /** Registers a proxy on its task and hands it the current value (after a module update: with a ResyncDiff). */
    private static void register(TaskState t, Subscribe s, ClientProxy<?> client, boolean resync) {
        try {
            PStatePartition p = t.pstates.get(s.pstate());
            if (p == null) {
                throw new IllegalArgumentException("no PState " + s.pstate() + " (PStates: " + t.pstates.keySet() + ")");
            }
            if (t.proxyCount >= PROXIES_PER_TASK_MAX) {
                throw new IllegalStateException("the task holds " + t.proxyCount + " proxies, the most it takes"
                        + " (floe.proxy.perTaskMax)");
            }
            Nav nav = ((PathImpl) s.path()).compiled().nav();
            List<Object> values = p.selectCommitted(nav);
            if (values.size() != 1) {
                throw new IllegalArgumentException("a proxy's path must navigate to exactly one value; " + s.path()
                        + " navigated to " + values.size());
            }
            Object value = copy(t, values.get(0));
            t.proxies.computeIfAbsent(s.pstate(), k -> new PStateProxies())
                    .add(new Registration(s.id(), s.pstate(), s.path(), nav, client));
            t.proxyCount++;
            client.initial(value, resync);
        } catch (RuntimeException e) {
            client.failed(new IllegalArgumentException(t.where() + ": proxy on " + s.pstate() + " failed: " + e.getMessage(), e));
        }
    }

    static void unregister(TaskState t, long id) {
        for (PStateProxies pp : t.proxies.values()) {
            if (pp.remove(id)) {
                t.proxyCount--;
                return;
            }
        }
    }

    /** A client fell behind: its proxy's whole value again. */
    static void resync(TaskState t, long id) {
        for (PStateProxies pp : t.proxies.values()) {
            Registration r = pp.find(id);
            if (r != null) {
                try {
                    List<Object> values = t.pstates.get(r.pstate).selectCommitted(r.nav);
                    r.client.resynced(copy(t, values.size() == 1 ? values.get(0) : null));
                } catch (RuntimeException e) {
                    r.client.terminate(e);
                }
                return;
            }
        }
    }

    /**
     * Commits a task's writes (through the store, with {@code meta}) and pushes a diff to every
     * proxy whose value they change. The diffs are computed before the write, between the
     * committed and the working versions.
     */
    static void commit(TaskState t, Collection<PStatePartition> touched, Map<String, Object> meta) {
        List<Registration> to = null;
        List<Object> diffs = null;
        if (t.proxyCount > 0) {
            for (PStatePartition p : touched) {
                PStateProxies pp = t.proxies.get(p.name());
                if (pp == null) {
                    continue;
                }
                // proxies on the same path share one diff
                Map<String, Object> byPath = new java.util.HashMap<>();
                for (Registration r : affected(t, p, pp)) {
                    Object d = byPath.computeIfAbsent(r.path.toString(), k -> change(t, p, r));
                    if (d == NO_CHANGE) {
                        d = null;
                    }
                    if (d != null) {
                        if (to == null) {
                            to = new ArrayList<>();
                            diffs = new ArrayList<>();
                        }
                        to.add(r);
                        diffs.add(d);
                    }
                }
            }
        }
        t.module.store.commit(t.id, touched, meta);
        if (to != null) {
            for (int i = 0; i < to.size(); i++) {
                Object d = diffs.get(i);
                if (d instanceof Diff) {
                    to.get(i).client.push((Diff) d);
                } else {
                    to.get(i).client.requestResync();
                }
            }
        }
    }

    /**
     * The proxies a pending commit may change: those under the top-level keys it changes (read
     * from the diff of the whole partition, which costs what the change costs), and those whose
     * path does not start with a key.
     */
    private static List<Registration> affected(TaskState t, PStatePartition p, PStateProxies pp) {
        if (pp.byKey.isEmpty()) {
            return pp.unkeyed;
        }
        java.util.Collection<Object> keys = null;
        try {
            Object before = p.committedValue();
            Object after = p.value();
            if (before instanceof StoredStructure && after instanceof StoredStructure) {
                // a stored map's commit: its overlay's keys, nothing read
                keys = ((StoredStructure) after).changedKeysSince((StoredStructure) before);
            }
            if (keys == null && before instanceof clojure.lang.PersistentTreeMap
                    && after instanceof clojure.lang.PersistentTreeMap && dev.floe.store.TreeDiff.AVAILABLE) {
                keys = changedKeys((clojure.lang.PersistentTreeMap) before, (clojure.lang.PersistentTreeMap) after);
            }
            if (keys == null) {
                keys = topKeys(Diffs.between(before, after));
            }
        } catch (RuntimeException e) {
            keys = null;
        }
        if (keys == null) {
            return pp.all();
        }
        List<Registration> out = new ArrayList<>(pp.unkeyed);
        for (Object k : keys) {
            List<Registration> l = pp.byKey.get(PStateProxies.norm(k));
            if (l != null) {
                out.addAll(l);
            }
        }
        return out;
    }

    /** The keys whose values differ between two versions of a sorted map (not descending into the values). */
    private static List<Object> changedKeys(clojure.lang.PersistentTreeMap a, clojure.lang.PersistentTreeMap b) {
        List<Object> out = new ArrayList<>();
        dev.floe.store.TreeDiff.changed(a, b, (k, v) -> {
            if (a.valAt(k, NO_CHANGE) != v) {
                out.add(k);
            }
        });
        dev.floe.store.TreeDiff.changed(b, a, (k, v) -> {
            if (!b.containsKey(k)) {
                out.add(k);
            }
        });
        return out;
    }

    /** The top-level keys a diff of a map changes: none for no diff, null when it does not say. */
    private static java.util.Collection<Object> topKeys(Diff d) {
        if (d == null) {
            return List.of();
        }
        if (d instanceof dev.floe.diffs.KeyDiff) {
            return List.of(((dev.floe.diffs.KeyDiff) d).getKey());
        }
        if (d instanceof dev.floe.diffs.KeysDiff) {
            return ((dev.floe.diffs.KeysDiff) d).getKeyToDiff().keySet();
        }
        if (d instanceof dev.floe.diffs.KeyRemoveDiff) {
            return List.of(((dev.floe.diffs.KeyRemoveDiff) d).getKey());
        }
        if (d instanceof dev.floe.diffs.KeysRemoveDiff) {
            return ((dev.floe.diffs.KeysRemoveDiff) d).getKeys();
        }
        if (d instanceof dev.floe.diffs.KeyChangeDiff) {
            return List.of(((dev.floe.diffs.KeyChangeDiff) d).getFromKey(), ((dev.floe.diffs.KeyChangeDiff) d).getToKey());
        }
        if (d instanceof dev.floe.diffs.MultiDiff) {
            List<Object> out = new ArrayList<>();
            for (Diff part : ((dev.floe.diffs.MultiDiff) d).getDiffs()) {
                java.util.Collection<Object> k = topKeys(part);
                if (k == null) {
                    return null;
                }
                out.addAll(k);
            }
            return out;
        }
        return null;
    }

    /** The diff of a proxy's value made by the pending commit (a copy that can leave the task), null, or RESYNC. */
    private static Object change(TaskState t, PStatePartition p, Registration r) {
        try {
            @SuppressWarnings("unchecked")
            List<Object> before = (List<Object>) (Object) Specter.select(r.nav, p.committedValue());
            @SuppressWarnings("unchecked")
            List<Object> after = (List<Object>) (Object) Specter.select(r.nav, p.value());
            Diff d;
            if (before.size() == 1 && after.size() == 1) {
                d = Diffs.between(before.get(0), after.get(0));
            } else {
                Object v = after.size() == 1 ? after.get(0) : null;
                d = new NewValueDiff(v instanceof StoredStructure ? ((StoredStructure) v).materialize() : v);
            }
            return d == null ? NO_CHANGE : copy(t, d);
        } catch (RuntimeException e) {
            ModuleRuntime.LOG.log(Level.WARNING, t.where() + ": the change of a proxy on " + r.pstate + " with path "
                    + r.path + " could not be described; the proxy is resynced", e);
            return RESYNC;
        }
    }

    private static final Object RESYNC = new Object();
    private static final Object NO_CHANGE = new Object();

    /**
     * A value leaving the task for a client: as is (values in PStates are immutable, and diffs
     * hold no stored views), or a serialized copy when the cluster serializes every hop.
     */
    private static <V> V copy(TaskState t, V v) {
        if (!t.module.cluster.serializeEveryHop || v == null) {
            return v;
        }
        @SuppressWarnings("unchecked")
        V c = (V) t.module.cluster.codec.roundTrip(v);
        return c;
    }

    /** After a module update: every proxy of the old instance moves to the new one and gets its value again. */
    static void moveAll(ModuleRuntime old, ModuleRuntime now) {
        for (ClientProxy<?> c : clients(old)) {
            if (now.pstates.containsKey(c.pstate)) {
                int task = c.taskIn(now);
                c.task = task;
                now.send(ModuleRuntime.CLIENT, task, "proxy " + c.pstate, new Subscribe(c.id, c.pstate, c.path),
                        (t, s) -> register(t, s, c, true));
            } else {
                c.terminate(new IllegalStateException("module " + now.name + " no longer has PState " + c.pstate));
            }
        }
    }

    /** The module stopped for good (destroyed, or its cluster closed): its proxies end. */
    static void terminateAll(ModuleRuntime m, String why) {
        for (ClientProxy<?> c : clients(m)) {
            c.terminate(new IllegalStateException(why));
        }
    }

    /** The proxies registered on a stopped module's tasks. */
    private static List<ClientProxy<?>> clients(ModuleRuntime m) {
        List<ClientProxy<?>> out = new ArrayList<>();
        for (TaskState t : m.tasks) {
            for (PStateProxies pp : t.proxies.values()) {
                for (Registration r : pp.all()) {
                    out.add(r.client);
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------ the client side

    /**
     * A proxy on the client: its value, its buffer of changes not yet delivered, and the callback.
     * The task thread only enqueues; delivery runs on the cluster's client threads, one change at
     * a time per proxy.
     */
    static final class ClientProxy<T> implements ProxyState<T>, IDeref {
        final long id;
        final Supplier<ModuleRuntime> module;
        final String pstate;
        final Path path;
        final Object partitionKey;
        final ProxyState.Callback<T> callback;
        final CompletableFuture<ProxyState<T>> ready = new CompletableFuture<>();
        volatile int task;
        private volatile T value;
        private volatile Status status = Status.ACTIVE;
        private final ArrayDeque<Object> queue = new ArrayDeque<>();
        private boolean draining;
        /** Changes are dropped until the resync requested after the buffer overflowed arrives. */
        private boolean awaitingResync;

        ClientProxy(long id, Supplier<ModuleRuntime> module, String pstate, Path path, Object partitionKey,
                ProxyState.Callback<T> callback) {
            this.id = id;
            this.module = module;
            this.pstate = pstate;
            this.path = path;
            this.partitionKey = partitionKey;
            this.callback = callback;
        }

        int taskIn(ModuleRuntime m) {
            var decl = m.pstates.get(pstate);
            if (decl == null) {
                throw new IllegalArgumentException("module " + m.name + " has no PState " + pstate);
            }
            return partitionKey != null ? m.pstateTaskOfKey(decl, partitionKey) : m.pstateTaskOfPath(decl, path);
        }

        /** The items of the queue besides diffs. */
        private record Initial(Object value, boolean resync) {}

        private record Resynced(Object value) {}

        private record Ended(Diff diff, Status status) {}

        @Override
        public T get() {
            return value;
        }

        @Override
        public Object deref() {
            return value;
        }

        @Override
        public Status status() {
            return status;
        }

        @Override
        public void close() {
            synchronized (this) {
                if (status != Status.ACTIVE) {
                    return;
                }
                status = Status.TERMINATED;
            }
            try {
                ModuleRuntime m = module.get();
                int at = task;
                m.send(ModuleRuntime.CLIENT, at, "close proxy on " + pstate, id, Proxies::unregister);
            } catch (RuntimeException e) {
                // the module is gone: nothing to unregister
            }
            enqueue(new Ended(new DestroyedDiff(), Status.TERMINATED), true);
        }

        // called on the task thread

        void initial(Object v, boolean resync) {
            enqueue(new Initial(v, resync), false);
        }

        void failed(RuntimeException e) {
            status = Status.TERMINATED_UNGRACEFULLY;
            ready.completeExceptionally(e);
        }

        void push(Diff d) {
            synchronized (this) {
                if (awaitingResync) {
                    return; // the resync's value will include this change
                }
                if (queue.size() >= BUFFERED_CHANGES_MAX) {
                    queue.removeIf(o -> o instanceof Diff);
                    requestResyncLocked();
                    return;
                }
            }
            enqueue(d, false);
        }

        void requestResync() {
            synchronized (this) {
                if (awaitingResync) {
                    return;
                }
                queue.removeIf(o -> o instanceof Diff);
                requestResyncLocked();
            }
        }

        private void requestResyncLocked() {
            awaitingResync = true;
            try {
                module.get().send(ModuleRuntime.CLIENT, task, "resync proxy on " + pstate, id, Proxies::resync);
            } catch (RuntimeException e) {
                awaitingResync = false;
            }
        }

        void resynced(Object v) {
            synchronized (this) {
                awaitingResync = false;
            }
            enqueue(new Resynced(v), false);
        }

        void terminate(RuntimeException why) {
            synchronized (this) {
                if (status != Status.ACTIVE) {
                    return;
                }
                status = Status.TERMINATED_UNGRACEFULLY;
            }
            if (!ready.isDone()) {
                ready.completeExceptionally(why);
                return;
            }
            enqueue(new Ended(new UngracefulTerminationDiff(), Status.TERMINATED_UNGRACEFULLY), true);
        }

        private void enqueue(Object item, boolean evenIfEnded) {
            synchronized (this) {
                if (!evenIfEnded && status != Status.ACTIVE && ready.isDone()) {
                    return;
                }
                queue.add(item);
                if (draining) {
                    return;
                }
                draining = true;
            }
            ModuleRuntime m;
            try {
                m = module.get();
            } catch (RuntimeException e) {
                drain();
                return;
            }
            m.cluster.deliver(this::drain);
        }

        /** Delivers the buffered changes in order (one drainer at a time). */
        @SuppressWarnings("unchecked")
        private void drain() {
            while (true) {
                Object item;
                synchronized (this) {
                    item = queue.poll();
                    if (item == null) {
                        draining = false;
                        return;
                    }
                }
                T old = value;
                if (item instanceof Initial) {
                    Initial init = (Initial) item;
                    value = (T) init.value();
                    if (!ready.isDone()) {
                        ready.complete(this);
                    } else if (init.resync()) {
                        call(value, new ResyncDiff(), old);
                    }
                } else if (item instanceof Resynced) {
                    value = (T) ((Resynced) item).value();
                    call(value, new ResyncDiff(), old);
                } else if (item instanceof Ended) {
                    call(old, ((Ended) item).diff(), old);
                } else {
                    Diff d = (Diff) item;
                    T now;
                    try {
                        now = (T) Diffs.apply(d, old);
                    } catch (RuntimeException e) {
                        requestResync(); // a diff that carries no value: read the whole value again
                        continue;
                    }
                    value = now;
                    call(now, d, old);
                }
            }
        }

        private void call(T now, Diff d, T old) {
            if (callback == null) {
                return;
            }
            try {
                callback.change(now, d, old);
            } catch (RuntimeException e) {
                ModuleRuntime.LOG.log(Level.WARNING, "a proxy callback on " + pstate + " (path " + path + ") threw", e);
            }
        }

        @Override
        public String toString() {
            return "ProxyState(" + pstate + " " + path + ", " + status + ")";
        }
    }
}
