package dev.floe.specter;

import clojure.lang.AFn;
import clojure.lang.IFn;
import clojure.lang.IPersistentCollection;
import clojure.lang.PersistentHashSet;
import clojure.lang.PersistentList;
import clojure.lang.PersistentVector;
import clojure.lang.RT;
import clojure.lang.Util;
import dev.floe.specter.impl.BasicNavs;
import dev.floe.specter.impl.ControlNavs;
import dev.floe.specter.impl.MapNavs;
import dev.floe.specter.impl.SeqNavs;
import dev.floe.specter.impl.SetNavs;
import dev.floe.specter.impl.SortedNavs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every built-in navigator, with Specter's names in camelCase (and Rama's additions: sorted
 * ranges, {@code isCollected}). Constructors taking paths accept anything {@link Paths#compile}
 * accepts. Functions are Clojure {@link IFn}s; Java callers adapt their lambdas.
 */
public final class Navs {
    private Navs() {}

    static {
        dev.floe.specter.impl.ClojureRuntime.ensureLoaded();
    }

    // ------------------------------------------------------------------ constants

    /** Navigates to the structure itself. */
    public static final Nav STAY = new BasicNavs.Stay();
    /** Navigates nowhere. */
    public static final Nav STOP = new BasicNavs.Stop();
    /** Every element; maps yield [k v] entries. NONE removes. */
    public static final Nav ALL = new SeqNavs.All();
    /** Like ALL; metadata of the transformed collection is kept (as ALL also does in Floe). */
    public static final Nav ALL_WITH_META = ALL;
    /** Every value of a map. */
    public static final Nav MAP_VALS = new SeqNavs.MapVals();
    /** Every key of a map. */
    public static final Nav MAP_KEYS = new SeqNavs.MapKeys();
    /** First element. */
    public static final Nav FIRST = new SeqNavs.Extreme(false);
    /** Last element. */
    public static final Nav LAST = new SeqNavs.Extreme(true);
    /** Empty subsequence at the start. */
    public static final Nav BEGINNING = new SeqNavs.Edge(false);
    /** Empty subsequence at the end. */
    public static final Nav END = new SeqNavs.Edge(true);
    /** Void element after the last: setting it appends. */
    public static final Nav AFTER_ELEM = new SeqNavs.VoidSeqElem(SeqNavs.VoidSeqElem.AFTER_LAST, "AFTER-ELEM");
    /** Void element before the first: setting it prepends. */
    public static final Nav BEFORE_ELEM = new SeqNavs.VoidSeqElem(SeqNavs.VoidSeqElem.BEFORE_FIRST, "BEFORE-ELEM");
    /** Void member of a set: setting it adds. */
    public static final Nav NONE_ELEM = new SetNavs.NoneElem();
    /** [index element] pairs from 0. */
    public static final Nav INDEXED_VALS = new SeqNavs.IndexedVals(0);
    /** Collects the current value. */
    public static final Nav VAL = new BasicNavs.Val();
    /** Drops every collected value. */
    public static final Nav DISPENSE = new BasicNavs.Dispense();
    /** nil becomes an empty vector. */
    public static final Nav NIL_TO_VECTOR = new BasicNavs.NilToVal(PersistentVector.EMPTY, "NIL->VECTOR");
    /** nil becomes an empty set. */
    public static final Nav NIL_TO_SET = new BasicNavs.NilToVal(PersistentHashSet.EMPTY, "NIL->SET");
    /** nil becomes an empty list. */
    public static final Nav NIL_TO_LIST = new BasicNavs.NilToVal(PersistentList.EMPTY, "NIL->LIST");
    /** The value of an atom. */
    public static final Nav ATOM = new ControlNavs.AtomNav();
    /** The metadata of a value. */
    public static final Nav META = new ControlNavs.Meta();
    /** The name of a keyword or symbol. */
    public static final Nav NAME = new ControlNavs.NamePart(false);
    /** The namespace of a keyword or symbol. */
    public static final Nav NAMESPACE = new ControlNavs.NamePart(true);

    // ------------------------------------------------------------------ keys and indexes

    /** The value under each key in turn (nil when absent). */
    public static Nav keypath(Object... keys) {
        return each(keys, BasicNavs.Keypath::new);
    }

    /** The value under each key in turn, only when present. */
    public static Nav must(Object... keys) {
        return each(keys, BasicNavs.Must::new);
    }

    /** The element at each index in turn. */
    public static Nav nthpath(Object... indexes) {
        return each(indexes, i -> new BasicNavs.Nth(index(i, "nthpath")));
    }

    private static Nav each(Object[] args, java.util.function.Function<Object, Nav> one) {
        if (args.length == 1) {
            return one.apply(args[0]);
        }
        Object[] navs = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            navs[i] = one.apply(args[i]);
        }
        return Paths.compile(navs);
    }

    static int index(Object o, String nav) {
        if (!(o instanceof Number)) {
            throw new PathException(nav + " needs an integer index, got " + RT.printString(o));
        }
        return ((Number) o).intValue();
    }

    /** The key itself, when present; setting it renames the key. */
    public static Nav mapKey(Object key) {
        return new MapNavs.MapKey(key);
    }

    /** The member itself, when present; setting it replaces the member. */
    public static Nav setElem(Object elem) {
        return new SetNavs.SetElem(elem);
    }

    /** The sub-map of the given keys. */
    public static Nav submap(Collection<?> keys) {
        return new MapNavs.SubMap(keys);
    }

    /** The subset of the given members. */
    public static Nav subset(Collection<?> elems) {
        return new SetNavs.Subset(elems);
    }

    // ------------------------------------------------------------------ sequences

    /** The subsequence {@code [start, end)}. */
    public static Nav srange(int start, int end) {
        return new SeqNavs.SRange(start, end);
    }

    /** The subsequence from {@code startFn(s)} to {@code endFn(s)}. */
    public static Nav srangeDynamic(IFn startFn, IFn endFn) {
        return new SeqNavs.SRange(startFn, endFn, false);
    }

    /** The subsequence from {@code startFn(s)} to {@code endFn(s, start)}. */
    public static Nav srangeDynamicWithStart(IFn startFn, IFn endFn) {
        return new SeqNavs.SRange(startFn, endFn, true);
    }

    /** Each maximal run of elements satisfying {@code pred} (an IFn or a {@link SeqNavs.SubseqPred}). */
    public static Nav continuousSubseqs(Object pred) {
        return new SeqNavs.ContinuousSubseqs(pred);
    }

    /** Void element before index {@code i}: setting it inserts. */
    public static Nav beforeIndex(int i) {
        return new SeqNavs.VoidSeqElem(i, true, "(before-index " + i + ")");
    }

    /** The index itself; setting it moves the element. */
    public static Nav indexNav(int i) {
        return new SeqNavs.IndexNav(i);
    }

    /** [index element] pairs, counting from {@code start}. */
    public static Nav indexedVals(int start) {
        return new SeqNavs.IndexedVals(start);
    }

    /** The vector of elements for which the path selects something; writes back in place. */
    public static Nav filterer(Object... path) {
        return new ControlNavs.Subselect(Paths.compile(ALL, selected(path)), "filterer");
    }

    // ------------------------------------------------------------------ sorted ranges (Rama)

    /** Keys in {@code [start, end)} (inclusivity adjustable) of a sorted map. */
    public static Nav sortedMapRange(Object start, Object end, boolean startInclusive, boolean endInclusive) {
        return new SortedNavs.MapRange(new SortedNavs.Range(start, true, startInclusive, end, true, endInclusive,
                -1, false), "sorted-map-range");
    }

    /** Keys from {@code start} on, at most {@code maxAmt} of them (-1: no limit). */
    public static Nav sortedMapRangeFrom(Object start, boolean inclusive, int maxAmt) {
        return new SortedNavs.MapRange(new SortedNavs.Range(start, true, inclusive, null, false, false, maxAmt,
                false), "sorted-map-range-from");
    }

    /** Keys before {@code end}; with {@code maxAmt}, the last {@code maxAmt} of them. */
    public static Nav sortedMapRangeTo(Object end, boolean inclusive, int maxAmt) {
        return new SortedNavs.MapRange(new SortedNavs.Range(null, false, true, end, true, inclusive, maxAmt,
                true), "sorted-map-range-to");
    }

    /** The first {@code maxAmt} keys. */
    public static Nav sortedMapRangeFromStart(int maxAmt) {
        return new SortedNavs.MapRange(new SortedNavs.Range(null, false, true, null, false, false, maxAmt, false),
                "sorted-map-range-from-start");
    }

    /** The last {@code maxAmt} keys. */
    public static Nav sortedMapRangeToEnd(int maxAmt) {
        return new SortedNavs.MapRange(new SortedNavs.Range(null, false, true, null, false, false, maxAmt, true),
                "sorted-map-range-to-end");
    }

    /** Members in {@code [start, end)} (inclusivity adjustable) of a sorted set. */
    public static Nav sortedSetRange(Object start, Object end, boolean startInclusive, boolean endInclusive) {
        return new SortedNavs.SetRange(new SortedNavs.Range(start, true, startInclusive, end, true, endInclusive,
                -1, false), "sorted-set-range");
    }

    /** Members from {@code start} on, at most {@code maxAmt} (-1: no limit). */
    public static Nav sortedSetRangeFrom(Object start, boolean inclusive, int maxAmt) {
        return new SortedNavs.SetRange(new SortedNavs.Range(start, true, inclusive, null, false, false, maxAmt,
                false), "sorted-set-range-from");
    }

    /** Members before {@code end}; with {@code maxAmt}, the last {@code maxAmt}. */
    public static Nav sortedSetRangeTo(Object end, boolean inclusive, int maxAmt) {
        return new SortedNavs.SetRange(new SortedNavs.Range(null, false, true, end, true, inclusive, maxAmt,
                true), "sorted-set-range-to");
    }

    /** The first {@code maxAmt} members. */
    public static Nav sortedSetRangeFromStart(int maxAmt) {
        return new SortedNavs.SetRange(new SortedNavs.Range(null, false, true, null, false, false, maxAmt, false),
                "sorted-set-range-from-start");
    }

    /** The last {@code maxAmt} members. */
    public static Nav sortedSetRangeToEnd(int maxAmt) {
        return new SortedNavs.SetRange(new SortedNavs.Range(null, false, true, null, false, false, maxAmt, true),
                "sorted-set-range-to-end");
    }

    // ------------------------------------------------------------------ values and filters

    /** Navigates to {@code fn(s, args…)}. */
    public static Nav view(IFn fn, Object... args) {
        return new BasicNavs.View(fn, args);
    }

    /** Navigates to {@code parse(s)}; transforms store {@code unparse(v)}. */
    public static Nav parser(IFn parse, IFn unparse) {
        return new ControlNavs.Parser(parse, unparse);
    }

    /** Substitutes {@code v} for nil. */
    public static Nav nilToVal(Object v) {
        return new BasicNavs.NilToVal(v, null);
    }

    /** Continues when {@code fn(s, args…)} is truthy. */
    public static Nav pred(IFn fn, Object... args) {
        return new BasicNavs.Pred(fn, args, null);
    }

    /** Continues when the value equals {@code v}. */
    public static Nav predEq(Object v) {
        return comparison("pred=", v, 0);
    }

    /** Continues when the value is not equal to {@code v}. */
    public static Nav predNotEq(Object v) {
        return comparison("pred-not=", v, 5);
    }

    /** Continues when the value is less than {@code v}. */
    public static Nav predLt(Object v) {
        return comparison("pred<", v, 1);
    }

    /** Continues when the value is greater than {@code v}. */
    public static Nav predGt(Object v) {
        return comparison("pred>", v, 2);
    }

    /** Continues when the value is at most {@code v}. */
    public static Nav predLte(Object v) {
        return comparison("pred<=", v, 3);
    }

    /** Continues when the value is at least {@code v}. */
    public static Nav predGte(Object v) {
        return comparison("pred>=", v, 4);
    }

    private static Nav comparison(String label, Object v, int op) {
        IFn test = new AFn() {
            @Override
            public Object invoke(Object x) {
                switch (op) {
                    case 0:
                        return Util.equiv(x, v);
                    case 5:
                        return !Util.equiv(x, v);
                    default:
                        int c = compare(x, v);
                        return op == 1 ? c < 0 : op == 2 ? c > 0 : op == 3 ? c <= 0 : c >= 0;
                }
            }
        };
        return new BasicNavs.Pred(test, new Object[0], "(" + label + " " + RT.printString(v) + ")");
    }

    /** Clojure's ordering: numbers by value across types, otherwise {@link Comparable}. */
    static int compare(Object a, Object b) {
        if (a instanceof Number && b instanceof Number) {
            return clojure.lang.Numbers.compare((Number) a, (Number) b);
        }
        return Util.compare(a, b);
    }

    /** Continues when the path selects something. */
    public static Nav selected(Object... path) {
        return new ControlNavs.Selected(Paths.compile(path), false);
    }

    /** Continues when the path selects nothing. */
    public static Nav notSelected(Object... path) {
        return new ControlNavs.Selected(Paths.compile(path), true);
    }

    /** Continues when {@code fn(collected…)} is truthy. */
    public static Nav isCollected(IFn fn) {
        return new BasicNavs.IsCollected(fn);
    }

    // ------------------------------------------------------------------ combinators

    /** {@code then} when {@code cond} selects something, else {@code otherwise}. */
    public static Nav ifPath(Object cond, Object then, Object otherwise) {
        return new ControlNavs.IfPath(Paths.compile(cond), Paths.compile(then), Paths.compile(otherwise));
    }

    /** {@code then} when {@code cond} selects something, else nothing. */
    public static Nav ifPath(Object cond, Object then) {
        return ifPath(cond, then, STOP);
    }

    /** Pairs of condition and path: the first condition that selects something wins. */
    public static Nav condPath(Object... condsAndPaths) {
        Nav out = STOP;
        for (int i = (condsAndPaths.length / 2) * 2 - 2; i >= 0; i -= 2) {
            out = ifPath(condsAndPaths[i], condsAndPaths[i + 1], out);
        }
        return out;
    }

    /** Every path from the same place. */
    public static Nav multiPath(Object... paths) {
        if (paths.length == 0) {
            return STAY;
        }
        if (paths.length == 1) {
            return Paths.compile(paths[0]);
        }
        Nav[] navs = new Nav[paths.length];
        for (int i = 0; i < paths.length; i++) {
            navs[i] = Paths.compile(paths[i]);
        }
        return new ControlNavs.MultiPath(navs);
    }

    /** The current value first, then the path. */
    public static Nav stayThenContinue(Object... path) {
        return multiPath(STAY, Arrays.asList(path));
    }

    /** The path first, then the current value. */
    public static Nav continueThenStay(Object... path) {
        return multiPath(Arrays.asList(path), STAY);
    }

    /** The vector of everything the path selects; transforms write back in order. */
    public static Nav subselect(Object... path) {
        return new ControlNavs.Subselect(Paths.compile(path), "subselect");
    }

    /** Navigates to the structure as transformed by {@code path} and {@code fn}. */
    public static Nav transformed(Object path, IFn fn) {
        return new ControlNavs.Transformed(Paths.compile(path), fn);
    }

    /** Navigates to the structure as transformed by a path whose branches end in terminals. */
    public static Nav transformed(Object path) {
        return new ControlNavs.Transformed(Paths.compile(path), null);
    }

    /** Navigates to the reduction with {@code fn} of what {@code path} selects. */
    public static Nav traversed(Object path, IFn fn) {
        return new ControlNavs.Traversed(Paths.compile(path), fn);
    }

    /**
     * Like the path, but during a transform each argument's starting value is checked after that
     * argument's navigation: when it has become empty it is replaced by {@link Specter#NONE}, so
     * its parent removes it. Each argument is one step (as in Specter: {@code (compact :a :b)} has
     * two steps, {@code (compact [:a :b])} one); the final value is not checked.
     */
    public static Nav compact(Object... path) {
        List<Nav> steps = new ArrayList<>();
        Nav removeIfEmpty = ifPath(pred(EMPTY), terminalVal(Specter.NONE));
        for (Object step : path) {
            steps.add(multiPath(Paths.compile(step), removeIfEmpty));
        }
        return Paths.compile(steps);
    }

    private static final IFn EMPTY = new AFn() {
        @Override
        public Object invoke(Object x) {
            if (x == null) {
                return true;
            }
            if (x instanceof Collection) {
                return ((Collection<?>) x).isEmpty();
            }
            if (x instanceof Map) {
                return ((Map<?, ?>) x).isEmpty();
            }
            if (x instanceof CharSequence) {
                return ((CharSequence) x).length() == 0;
            }
            if (x instanceof IPersistentCollection) {
                return ((IPersistentCollection) x).count() == 0;
            }
            return RT.seq(x) == null;
        }
    };

    /** Every value for which {@code pred} is truthy, searching collections depth-first. */
    public static Nav walker(IFn pred) {
        return walkerNav(pred, "walker");
    }

    /** Like {@link #walker}, keeping metadata of traversed collections. */
    public static Nav codewalker(IFn pred) {
        return walkerNav(pred, "codewalker");
    }

    private static Nav walkerNav(IFn pred, String label) {
        ControlNavs.Declared self = new ControlNavs.Declared("(" + label + " " + pred + ")");
        self.provide(condPath(pred(pred), STAY, pred(IS_COLL), Paths.compile(ALL, self)));
        return self;
    }

    private static final IFn IS_COLL = new AFn() {
        @Override
        public Object invoke(Object x) {
            return x instanceof IPersistentCollection || x instanceof Collection || x instanceof Map;
        }
    };

    /** Each regex match in a string. */
    public static Nav regexNav(Pattern pattern) {
        return new ControlNavs.RegexNav(pattern);
    }

    /** A navigator to be provided later (for recursion). */
    public static ControlNavs.Declared declared(String label) {
        return new ControlNavs.Declared(label);
    }

    // ------------------------------------------------------------------ collectors

    /** Collects a constant. */
    public static Nav putval(Object v) {
        return new BasicNavs.PutVal(v);
    }

    /** Collects everything the path selects, as a vector. */
    public static Nav collect(Object... path) {
        return new ControlNavs.Collect(Paths.compile(path), false);
    }

    /** Collects the single value the path selects. */
    public static Nav collectOne(Object... path) {
        return new ControlNavs.Collect(Paths.compile(path), true);
    }

    /** Runs the path with no collected values, then restores them. */
    public static Nav withFreshCollected(Object... path) {
        return new ControlNavs.WithFreshCollected(Paths.compile(path));
    }

    // ------------------------------------------------------------------ terminals

    /** Transform terminal: {@code fn(collected…, v, extraArgs…)}. */
    public static Nav terminal(IFn fn, Object... extraArgs) {
        return new BasicNavs.Terminal(BasicNavs.Terminal.APPLY, fn, extraArgs, "(terminal " + fn + ")");
    }

    /** Transform terminal: {@code fn(collectedVector, v)}. */
    public static Nav vterminal(IFn fn) {
        return new BasicNavs.Terminal(BasicNavs.Terminal.VECTOR, fn, new Object[0], "(vterminal " + fn + ")");
    }

    /** Transform terminal: replaces with {@code v} ({@link Specter#NONE} removes). */
    public static Nav terminalVal(Object v) {
        return new BasicNavs.Terminal(BasicNavs.Terminal.VALUE, v, new Object[0],
                v == Specter.NONE ? "NONE>" : "(terminal-val " + RT.printString(v) + ")");
    }
}
