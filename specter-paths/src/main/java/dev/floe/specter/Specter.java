package dev.floe.specter;

import clojure.lang.AFn;
import clojure.lang.IFn;
import clojure.lang.IPersistentVector;
import clojure.lang.IReduce;
import clojure.lang.IReduceInit;
import clojure.lang.ISeq;
import clojure.lang.Keyword;
import clojure.lang.ITransientCollection;
import clojure.lang.PersistentArrayMap;
import clojure.lang.PersistentVector;
import clojure.lang.RT;
import clojure.lang.Reduced;


/**
 * The operations of the navigator engine: select, transform and their variants, with Specter's
 * semantics. Every operation takes a compiled path ({@link Nav}, see {@link Paths#compile}).
 * Collected values ({@code collect}, {@code putval} …) are passed to transform functions before
 * the navigated value, and select returns {@code [collected… value]} vectors when any were
 * collected.
 */
public final class Specter {
    private Specter() {}

    static {
        dev.floe.specter.impl.ClojureRuntime.ensureLoaded();
    }

    /**
     * The "nothing" value: navigating to it selects nothing; transforming to it removes. It is the
     * keyword {@code :floe.specter/NONE}, so it prints readably and keeps its identity when
     * serialized (keywords are interned).
     */
    public static final Object NONE = Keyword.intern("floe.specter", "NONE");

    private static final Keyword STRUCTURE = Keyword.intern("structure");

    /** No collected values. */
    public static final IPersistentVector NO_VALS = PersistentVector.EMPTY;

    static Object selected(IPersistentVector vals, Object v) {
        return vals.count() == 0 ? v : vals.cons(v);
    }

    // ------------------------------------------------------------------ select family

    /** Returned by {@link #lensGet} when the path is not a single-place path. */
    private static final Object NOT_A_LENS = new Object();

    /**
     * The value a single-place path (a lens or a fused chain of them) navigates to, without any
     * continuation: {@link LensNav#ABSENT} when it navigates nowhere, {@link #NOT_A_LENS} when the
     * path can navigate to several places.
     */
    private static Object lensGet(Nav path, Object structure) {
        if (path instanceof LensNav) {
            return ((LensNav) path).get(structure);
        }
        if (path instanceof dev.floe.specter.impl.LensChain) {
            return ((dev.floe.specter.impl.LensChain) path).get(structure);
        }
        return NOT_A_LENS;
    }

    /** Every navigated value, as a vector. */
    public static IPersistentVector select(Nav path, Object structure) {
        Object v = lensGet(path, structure);
        if (v != NOT_A_LENS) {
            return v == LensNav.ABSENT || v == NONE ? PersistentVector.EMPTY : PersistentVector.EMPTY.cons(v);
        }
        Collect c = new Collect();
        path.select(NO_VALS, structure, c);
        return c.result();
    }

    /** Collects selected values; the transient is made only when a second value arrives. */
    private static final class Collect implements Next {
        private Object first = NONE;
        private ITransientCollection out;

        @Override
        public Object invoke(IPersistentVector vals, Object structure) {
            if (structure != NONE) {
                Object v = selected(vals, structure);
                if (out != null) {
                    out = out.conj(v);
                } else if (first == NONE) {
                    first = v;
                } else {
                    ITransientCollection t = PersistentVector.EMPTY.asTransient();
                    out = t.conj(first).conj(v);
                }
            }
            return NONE;
        }

        IPersistentVector result() {
            if (out != null) {
                return (IPersistentVector) out.persistent();
            }
            return first == NONE ? PersistentVector.EMPTY : PersistentVector.EMPTY.cons(first);
        }
    }

    /** The single navigated value, nil when there is none; more than one is an error. */
    public static Object selectOne(Nav path, Object structure) {
        Object l = lensGet(path, structure);
        if (l != NOT_A_LENS) {
            return l == LensNav.ABSENT || l == NONE ? null : l;
        }
        Object v = selectAtMostOne(path, structure, "select-one");
        return v == NONE ? null : v;
    }

    /** The single navigated value; none or more than one is an error. */
    public static Object selectOneStrict(Nav path, Object structure) {
        Object l = lensGet(path, structure);
        Object v = l == NOT_A_LENS ? selectAtMostOne(path, structure, "select-one!") : l == LensNav.ABSENT ? NONE : l;
        if (v == NONE) {
            throw new PathException("Found no elements for select-one! (path " + path.name() + ")",
                    PersistentArrayMap.EMPTY.assoc(STRUCTURE, structure));
        }
        return v;
    }

    private static Object selectAtMostOne(Nav path, Object structure, String op) {
        Object[] found = {NONE};
        path.select(NO_VALS, structure, (vals, v) -> {
            if (v == NONE) {
                return NONE;
            }
            if (found[0] != NONE) {
                throw new PathException("More than one element found in structure (" + op + ", path "
                        + path.name() + ")", PersistentArrayMap.EMPTY.assoc(STRUCTURE, selected(vals, v)));
            }
            found[0] = selected(vals, v);
            return NONE;
        });
        return found[0];
    }

    /** The first navigated value, or nil. */
    public static Object selectFirst(Nav path, Object structure) {
        Object v = selectAny(path, structure);
        return v == NONE ? null : v;
    }

    /** Some navigated value (the first found), or {@link #NONE}; stops at the first. */
    public static Object selectAny(Nav path, Object structure) {
        return selectAny(path, NO_VALS, structure);
    }

    /**
     * Like {@link #selectAny(Nav, Object)}, starting with the collected values {@code vals}
     * (a found value is then {@code [collected… value]} when {@code vals} is not empty).
     */
    public static Object selectAny(Nav path, IPersistentVector vals, Object structure) {
        if (vals == null || vals.count() == 0) {
            Object l = lensGet(path, structure);
            if (l != NOT_A_LENS) {
                return l == LensNav.ABSENT ? NONE : l;
            }
        }
        Object r = path.select(vals == null ? NO_VALS : vals, structure, FIRST);
        return r instanceof Reduced ? ((Reduced) r).deref() : NONE;
    }

    private static final Next FIRST = (vals, v) -> v == NONE ? NONE : new Reduced(selected(vals, v));

    /** Whether the path navigates anywhere; stops at the first place. */
    public static boolean selectedAny(Nav path, Object structure) {
        Object l = lensGet(path, structure);
        if (l != NOT_A_LENS) {
            return l != LensNav.ABSENT && l != NONE;
        }
        return path.select(NO_VALS, structure, ANY) instanceof Reduced;
    }

    private static final Next ANY = (vals, v) -> v == NONE ? NONE : new Reduced(Boolean.TRUE);

    // ------------------------------------------------------------------ transform family

    /** Replaces every navigated value {@code v} with {@code fn(collected…, v)}. */
    public static Object transform(Nav path, IFn fn, Object structure) {
        return path.transform(NO_VALS, structure, (vals, v) -> apply(fn, vals, v));
    }

    static Object apply(IFn fn, IPersistentVector vals, Object v) {
        switch (vals.count()) {
            case 0:
                return fn.invoke(v);
            case 1:
                return fn.invoke(vals.nth(0), v);
            case 2:
                return fn.invoke(vals.nth(0), vals.nth(1), v);
            default:
                return fn.applyTo(RT.seq(vals.cons(v)));
        }
    }

    /** Replaces every navigated value with {@code value} ({@link #NONE} removes). */
    public static Object setval(Nav path, Object value, Object structure) {
        return path.transform(NO_VALS, structure, (vals, v) -> value);
    }

    /** Transforms with a path whose every branch ends in a terminal navigator. */
    public static Object multiTransform(Nav path, Object structure) {
        return path.transform(NO_VALS, structure, (vals, v) -> {
            throw new PathException("All navigation in multi-transform must end in 'terminal' navigators "
                    + "(terminal, terminal-val, vterminal), but a branch of " + path.name() + " does not",
                    PersistentArrayMap.EMPTY.assoc(Keyword.intern("nav"), RT.seq(vals.cons(v))));
        });
    }

    /**
     * Like transform, but {@code fn} returns {@code [new-value user-value]} (or a falsey value to
     * leave the place unchanged and record nothing). Returns {@code [new-structure state]} where
     * state starts nil and becomes {@code mergeFn(state, user-value)} for every recorded place;
     * with a null {@code mergeFn}, the user values (each a sequence) are concatenated into a
     * vector.
     */
    public static IPersistentVector replaceIn(Nav path, IFn fn, Object structure, IFn mergeFn) {
        Object[] state = {null};
        Object result = path.transform(NO_VALS, structure, (vals, v) -> {
            Object pair = apply(fn, vals, v);
            if (pair == null || pair == Boolean.FALSE) {
                return v;
            }
            Object userRet = RT.nth(pair, 1);
            if (mergeFn != null) {
                state[0] = mergeFn.invoke(state[0], userRet);
            } else {
                IPersistentVector acc = state[0] == null ? PersistentVector.EMPTY : (IPersistentVector) state[0];
                for (ISeq s = RT.seq(userRet); s != null; s = s.next()) {
                    acc = acc.cons(s.first());
                }
                state[0] = acc;
            }
            return RT.nth(pair, 0);
        });
        return PersistentVector.create(result, state[0]);
    }

    // ------------------------------------------------------------------ reduction

    /**
     * Reduces {@code rf} over the navigated values, honouring {@code reduced}. Returns the
     * {@link Reduced} itself when the reduction stopped early, so callers inside transducers can
     * propagate it; {@link #traverse} unwraps it.
     */
    public static Object reduce(Nav path, Object structure, IFn rf, Object init) {
        Object[] acc = {init};
        Object r = path.select(NO_VALS, structure, (vals, v) -> {
            if (v == NONE) {
                return NONE;
            }
            acc[0] = rf.invoke(acc[0], selected(vals, v));
            return RT.isReduced(acc[0]) ? acc[0] : NONE;
        });
        return r instanceof Reduced ? r : acc[0];
    }

    /** A reducible over the navigated values ({@code (reduce f init (traverse p s))}). */
    public static Object traverse(Nav path, Object structure) {
        return new Traversal(path, structure);
    }

    static final class Traversal implements IReduceInit, IReduce {
        private final Nav path;
        private final Object structure;

        Traversal(Nav path, Object structure) {
            this.path = path;
            this.structure = structure;
        }

        @Override
        public Object reduce(IFn f, Object init) {
            Object r = Specter.reduce(path, structure, f, init);
            return r instanceof Reduced ? ((Reduced) r).deref() : r;
        }

        /** Like Specter: without an initial value, {@code (f)} provides it. */
        @Override
        public Object reduce(IFn f) {
            return reduce(f, f.invoke());
        }
    }

    /** A transducer that emits, for each input, every value the path navigates to in it. */
    public static IFn traverseAll(Nav path) {
        return new AFn() {
            @Override
            public Object invoke(Object xf) {
                IFn rf = (IFn) xf;
                return new AFn() {
                    @Override
                    public Object invoke() {
                        return rf.invoke();
                    }

                    @Override
                    public Object invoke(Object result) {
                        return rf.invoke(result);
                    }

                    @Override
                    public Object invoke(Object result, Object input) {
                        return Specter.reduce(path, input, rf, result);
                    }
                };
            }
        };
    }
}
