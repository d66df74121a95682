package dev.floe.specter.impl;

import clojure.lang.IFn;
import clojure.lang.IPersistentMap;
import clojure.lang.IPersistentVector;
import clojure.lang.ITransientCollection;
import clojure.lang.ITransientMap;
import clojure.lang.PersistentList;
import clojure.lang.PersistentVector;
import clojure.lang.RT;
import clojure.lang.Reduced;
import dev.floe.specter.Nav;
import dev.floe.specter.Next;
import dev.floe.specter.PathException;
import dev.floe.specter.Specter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Navigators over the elements of collections and the parts of sequences. */
public final class SeqNavs {
    private SeqNavs() {}

    static final Object NONE = Specter.NONE;

    static boolean stop(Object r) {
        return r instanceof Reduced;
    }

    /**
     * The new [key value] of a transformed map element, or null to drop the element: NONE and
     * sequences of fewer than two elements drop it (so removing the key or value of an entry, as
     * {@code walker} can, removes the entry).
     */
    static Object[] entryResult(Object r, String nav) {
        if (r == NONE) {
            return null;
        }
        if ((Colls.isSequential(r) && !(r instanceof java.util.Map.Entry)) && Colls.count(r) < 2) {
            return null;
        }
        return Colls.pair(r, nav);
    }

    /** Every element: sequence elements, set members, map entries as [k v]. */
    public static final class All extends BaseNav {
        @Override
        public Object select(IPersistentVector vals, Object s, Next next) {
            if (s == null) {
                return NONE;
            }
            if (!(s instanceof Iterable) && !(s instanceof Map) && !Colls.isSequential(s) && !(s instanceof CharSequence)
                    && !s.getClass().isArray()) {
                throw incompatible(s, "a map, a sequence, a set, a string or an array");
            }
            for (Object e : Colls.elements(s)) {
                Object r = next.invoke(vals, e);
                if (stop(r)) {
                    return r;
                }
            }
            return NONE;
        }

        @Override
        public Object transform(IPersistentVector vals, Object s, Next next) {
            if (s == null) {
                return null;
            }
            if (s instanceof Map) {
                Colls.MapBuilder b = Colls.mapBuilder(s);
                for (Object e : Colls.elements(s)) {
                    Object[] kv = entryResult(next.invoke(vals, e), name());
                    if (kv != null) {
                        b.put(kv[0], kv[1]);
                    }
                }
                return b.build();
            }
            if (s instanceof clojure.lang.MapEntry) {
                clojure.lang.MapEntry me = (clojure.lang.MapEntry) s;
                Object k = next.invoke(vals, me.key());
                Object v = next.invoke(vals, me.val());
                if (k != NONE && v != NONE) {
                    return clojure.lang.MapEntry.create(k, v);
                }
                return k == NONE ? (v == NONE ? PersistentVector.EMPTY : PersistentVector.create(v))
                        : PersistentVector.create(k);
            }
            if (s instanceof Set) {
                Colls.SetBuilder b = Colls.setBuilder(s);
                for (Object e : Colls.elements(s)) {
                    Object r = next.invoke(vals, e);
                    if (r != NONE) {
                        b.add(r);
                    }
                }
                return b.build();
            }
            if (s instanceof IPersistentVector) {
                IPersistentVector v = (IPersistentVector) s;
                ITransientCollection t = PersistentVector.EMPTY.asTransient();
                for (int i = 0, n = v.count(); i < n; i++) {
                    Object r = next.invoke(vals, v.nth(i));
                    if (r != NONE) {
                        t = t.conj(r);
                    }
                }
                return Colls.withMeta(s, t.persistent());
            }
            if (Colls.isSequential(s) || s instanceof CharSequence) {
                Colls.SeqBuilder b = Colls.seqBuilder(s);
                for (Object e : Colls.elements(s)) {
                    Object r = next.invoke(vals, e);
                    if (r != NONE) {
                        b.add(r);
                    }
                }
                return b.build();
            }
            if (s.getClass().isArray()) {
                // a new array of the same component type (a primitive array needs values that fit it)
                ArrayList<Object> out = new ArrayList<>();
                for (Object e : Colls.elements(s)) {
                    Object r = next.invoke(vals, e);
                    if (r != NONE) {
                        out.add(r);
                    }
                }
                try {
                    return Colls.arrayLike(s, out);
                } catch (IllegalArgumentException e) {
                    throw new PathException(name() + ": a transformed element does not fit a "
                            + s.getClass().getComponentType().getName() + " array (" + e.getMessage() + ")");
                }
            }
            throw incompatible(s, "a map, a sequence, a set, a string or an array");
        }

        @Override
        public String name() {
            return "ALL";
        }
    }

    /** Every value of a map; NONE removes the entry. */
    public static final class MapVals extends BaseNav {
        @Override
        public Object select(IPersistentVector vals, Object s, Next next) {
            if (s == null) {
                return NONE;
            }
            if (!(s instanceof Map)) {
                throw incompatible(s, "a map");
            }
            for (Map.Entry<Object, Object> e : Colls.entries(s)) {
                Object r = next.invoke(vals, e.getValue());
                if (stop(r)) {
                    return r;
                }
            }
            return NONE;
        }

        @Override
        public Object transform(IPersistentVector vals, Object s, Next next) {
            if (s == null) {
                return null;
            }
            if (!(s instanceof Map)) {
                throw incompatible(s, "a map");
            }
            if (s instanceof IPersistentMap && s instanceof clojure.lang.IEditableCollection
                    && !(s instanceof clojure.lang.IRecord)) {
                ITransientMap t = (ITransientMap) ((clojure.lang.IEditableCollection) s).asTransient();
                for (Map.Entry<Object, Object> e : Colls.entries(s)) {
                    Object r = next.invoke(vals, e.getValue());
                    t = r == NONE ? t.without(e.getKey()) : t.assoc(e.getKey(), r);
                }
                return Colls.withMeta(s, t.persistent());
            }
            Object out = s;
            for (Map.Entry<Object, Object> e : Colls.entries(s)) {
                Object r = next.invoke(vals, e.getValue());
                out = r == NONE ? Colls.dissoc(out, e.getKey()) : Colls.assoc(out, e.getKey(), r);
            }
            return out;
        }

        @Override
        public String name() {
            return "MAP-VALS";
        }
    }

    /** Every key of a map; a transform renames keys and NONE removes the entry. */
    public static final class MapKeys extends BaseNav {
        @Override
        public Object select(IPersistentVector vals, Object s, Next next) {
            if (s == null) {
                return NONE;
            }
            if (!(s instanceof Map)) {
                throw incompatible(s, "a map");
            }
            for (Map.Entry<Object, Object> e : Colls.entries(s)) {
                Object r = next.invoke(vals, e.getKey());
                if (stop(r)) {
                    return r;
                }
            }
            return NONE;
        }

        @Override
        public Object transform(IPersistentVector vals, Object s, Next next) {
            if (s == null) {
                return null;
            }
            if (!(s instanceof Map)) {
                throw incompatible(s, "a map");
            }
            Colls.MapBuilder b = Colls.mapBuilder(s);
            for (Map.Entry<Object, Object> e : Colls.entries(s)) {
                Object r = next.invoke(vals, e.getKey());
                if (r != NONE) {
                    b.put(r, e.getValue());
                }
            }
            return b.build();
        }

        @Override
        public String name() {
            return "MAP-KEYS";
        }
    }

    static void checkSeq(BaseNav nav, Object s) {
        if (s != null && !Colls.isSequential(s) && !(s instanceof CharSequence)) {
            throw nav.incompatible(s, "a sequence or a string");
        }
    }

    static void checkOrdered(BaseNav nav, Object s) {
        if (s != null && !Colls.isSequential(s) && !(s instanceof CharSequence) && !(s instanceof Map)
                && !(s instanceof Set)) {
            throw nav.incompatible(s, "a sequence, a string, a map or a set");
        }
    }

    /** Rebuilds {@code like} (sequence, string, map or set) from elements; maps take [k v] elements. */
    static Object rebuild(Object like, List<Object> elems, String nav) {
        if (like instanceof Map) {
            Colls.MapBuilder b = Colls.mapBuilder(like);
            for (Object e : elems) {
                Object[] kv = entryResult(e, nav);
                if (kv != null) {
                    b.put(kv[0], kv[1]);
                }
            }
            return b.build();
        }
        if (like instanceof Set) {
            Colls.SetBuilder b = Colls.setBuilder(like);
            for (Object e : elems) {
                if (e != NONE) {
                    b.add(e);
                }
            }
            return b.build();
        }
        Colls.SeqBuilder b = Colls.seqBuilder(like);
        for (Object e : elems) {
            if (e != NONE) {
                b.add(e);
            }
        }
        return b.build();
    }

    /** The first ({@code last == false}) or last element; NONE removes it. */
    public static final class Extreme extends BaseNav {
        private final boolean last;

        public Extreme(boolean last) {
            this.last = last;
        }

        @Override
        public Object select(IPersistentVector vals, Object s, Next next) {
            checkOrdered(this, s);
            int n = Colls.count(s);
            if (n == 0) {
                return NONE;
            }
            if (s instanceof IPersistentVector || s instanceof CharSequence || s instanceof java.util.RandomAccess) {
                return next.invoke(vals, RT.nth(s, last ? n - 1 : 0));
            }
            List<Object> elems = Colls.asList(s);
            return next.invoke(vals, elems.get(last ? n - 1 : 0));
        }

        @Override
        public Object transform(IPersistentVector vals, Object s, Next next) {
            checkOrdered(this, s);
            int n = Colls.count(s);
            if (n == 0) {
                return s;
            }
            int i = last ? n - 1 : 0;
            if (s instanceof CharSequence) {
                String str = s.toString();
                Object r = next.invoke(vals, str.charAt(i));
                return str.substring(0, i) + (r == NONE ? "" : String.valueOf(r)) + str.substring(i + 1);
            }
            if (s instanceof IPersistentVector || s instanceof List && !(s instanceof clojure.lang.IPersistentCollection)) {
                Object current = s instanceof IPersistentVector ? ((IPersistentVector) s).nth(i) : ((List<?>) s).get(i);
                return Colls.setIndex(s, i, next.invoke(vals, current), NONE);
            }
            List<Object> elems = new ArrayList<>(Colls.asList(s));
            elems.set(i, next.invoke(vals, elems.get(i)));
            return rebuild(s, elems, name());
        }

        @Override
        public String name() {
            return last ? "LAST" : "FIRST";
        }
    }

    static String stringOf(Object middle) {
        if (middle == null || middle == NONE) {
            return "";
        }
        if (middle instanceof CharSequence) {
            return middle.toString();
        }
        if (middle instanceof Character) {
            return middle.toString();
        }
        StringBuilder sb = new StringBuilder();
        for (Object o : Colls.elements(middle)) {
            sb.append(o);
        }
        return sb.toString();
    }

    /**
     * prefix + middle + suffix, in the kind of {@code like}; middle may be NONE or nil (nothing).
     * Maps and sets are rebuilt as the same kind of map or set (a map takes [k v] elements).
     */
    static Object splice(Object like, List<Object> elems, int from, int to, Object middle, String nav) {
        if (like instanceof CharSequence) {
            String s = like.toString();
            return s.substring(0, from) + stringOf(middle) + s.substring(to);
        }
        if (like instanceof Map || like instanceof Set) {
            ArrayList<Object> out = new ArrayList<>(elems.subList(0, from));
            if (middle != NONE && middle != null) {
                for (Object o : Colls.elements(middle)) {
                    out.add(o);
                }
            }
            out.addAll(elems.subList(to, elems.size()));
            return rebuild(like, out, nav);
        }
        if (like instanceof PersistentVector) {
            // the common case, built directly: a transient and indexed reads, no builder dispatch
            PersistentVector v = (PersistentVector) like;
            ITransientCollection t = PersistentVector.EMPTY.asTransient();
            for (int i = 0; i < from; i++) {
                t = t.conj(v.nth(i));
            }
            if (middle != NONE && middle != null) {
                for (Object o : Colls.elements(middle)) {
                    t = t.conj(o);
                }
            }
            for (int i = to, n = v.count(); i < n; i++) {
                t = t.conj(v.nth(i));
            }
            return Colls.withMeta(v, t.persistent());
        }
        Colls.SeqBuilder b = Colls.seqBuilder(like);
        for (int i = 0; i < from; i++) {
            b.add(elems.get(i));
        }
        if (middle != NONE && middle != null) {
            for (Object o : Colls.elements(middle)) {
                b.add(o);
            }
        }
        for (int i = to; i < elems.size(); i++) {
            b.add(elems.get(i));
        }
        return b.build();
    }

    static Object subseq(Object like, List<Object> elems, int from, int to) {
        if (like instanceof CharSequence) {
            return like.toString().substring(from, to);
        }
        if (like instanceof PersistentVector) {
            return RT.subvec((PersistentVector) like, from, to);
        }
        return PersistentVector.create(elems.subList(from, to));
    }

    /** The subsequence {@code [start, end)}; a transform splices in the returned sequence. */
    public static final class SRange extends BaseNav {
        private final IFn startFn;
        private final IFn endFn;
        private final boolean endTakesStart;
        private final int start;
        private final int end;
        private final String label;

        /** Fixed bounds. */
        public SRange(int start, int end) {
            this.start = start;
            this.end = end;
            this.startFn = null;
            this.endFn = null;
            this.endTakesStart = false;
            this.label = "(srange " + start + " " + end + ")";
        }

        /**
         * Bounds computed from the structure: {@code startFn(s)} and {@code endFn(s)}, or
         * {@code endFn(s, start)} when {@code endTakesStart}.
         */
        public SRange(IFn startFn, IFn endFn, boolean endTakesStart) {
            this.startFn = startFn;
            this.endFn = endFn;
            this.endTakesStart = endTakesStart;
            this.start = 0;
            this.end = 0;
            this.label = "(srange-dynamic " + startFn + " " + endFn + ")";
        }

        private int[] bounds(Object s, int n) {
            int from = start;
            int to = end;
            if (startFn != null) {
                from = RT.intCast(startFn.invoke(s));
                to = RT.intCast(endTakesStart ? endFn.invoke(s, from) : endFn.invoke(s));
            }
            if (from < 0 || to > n || from > to) {
                throw new PathException(label + ": bounds [" + from + ", " + to + ") are invalid for a sequence of size " + n);
            }
            return new int[] {from, to};
        }

        @Override
        public Object select(IPersistentVector vals, Object s, Next next) {
            checkOrdered(this, s);
            List<Object> elems = s instanceof CharSequence ? null : Colls.asList(s);
            int[] b = bounds(s, Colls.count(s));
            return next.invoke(vals, subseq(s, elems, b[0], b[1]));
        }

        @Override
        public Object transform(IPersistentVector vals, Object s, Next next) {
            checkOrdered(this, s);
            List<Object> elems = s instanceof CharSequence ? null : Colls.asList(s);
            int[] b = bounds(s, Colls.count(s));
            Object r = next.invoke(vals, subseq(s, elems, b[0], b[1]));
            return splice(s, elems, b[0], b[1], r, name());
        }

        @Override
        public String name() {
            return label;
        }
    }

    /** The empty subsequence at the start ({@code BEGINNING}) or end ({@code END}). */
    public static final class Edge extends BaseNav {
        private final boolean end;

        public Edge(boolean end) {
            this.end = end;
        }

        private Object empty(Object s) {
            return s instanceof CharSequence ? "" : PersistentVector.EMPTY;
        }

        @Override
        public Object select(IPersistentVector vals, Object s, Next next) {
            checkOrdered(this, s);
            return next.invoke(vals, empty(s));
        }

        @Override
        public Object transform(IPersistentVector vals, Object s, Next next) {
            checkOrdered(this, s);
            Object r = next.invoke(vals, empty(s));
            if (s == null) {
                return r == NONE ? null : r;
            }
            List<Object> elems = s instanceof CharSequence ? null : Colls.asList(s);
            int n = Colls.count(s);
            return end ? splice(s, elems, n, n, r, name()) : splice(s, elems, 0, 0, r, name());
        }

        @Override
        public String name() {
            return end ? "END" : "BEGINNING";
        }
    }

    /**
     * A void place in a sequence: after the last element, before the first, or before an index.
     * Selects nothing; a transform inserts the value its continuation returns (NONE inserts nothing).
     */
    public static final class VoidSeqElem extends BaseNav {
        /** {@code where} value for the place after the last element. */
        public static final int AFTER_LAST = -1;
        /** {@code where} value for the place before the first element. */
        public static final int BEFORE_FIRST = -2;

        /** An index (when {@code indexed}), or {@link #AFTER_LAST} / {@link #BEFORE_FIRST}. */
        private final int where;
        private final boolean indexed;
        private final String label;

        /** The place after the last ({@link #AFTER_LAST}) or before the first ({@link #BEFORE_FIRST}) element. */
        public VoidSeqElem(int where, String label) {
            this(where, false, label);
        }

        /**
         * With {@code indexed}, the place before index {@code where} (any int: negative indexes
         * clamp to 0 where the sequence kind clamps); otherwise as {@link #VoidSeqElem(int, String)}.
         */
        public VoidSeqElem(int where, boolean indexed, String label) {
            if (!indexed && where != AFTER_LAST && where != BEFORE_FIRST) {
                throw new IllegalArgumentException("where must be AFTER_LAST or BEFORE_FIRST");
            }
            this.where = where;
            this.indexed = indexed;
            this.label = label;
        }

        @Override
        public Object select(IPersistentVector vals, Object s, Next next) {
            checkSeq(this, s);
            return NONE;
        }

        @Override
        public Object transform(IPersistentVector vals, Object s, Next next) {
            checkSeq(this, s);
            Object r = next.invoke(vals, NONE);
            if (r == NONE) {
                return s;
            }
            if (s == null) {
                if (indexed && where != 0) {
                    throw new PathException("For a nil structure, can only insert before index 0 (" + label + ")");
                }
                return PersistentList.create(java.util.Collections.singletonList(r));
            }
            int n = Colls.count(s);
            int at = indexed ? where : where == AFTER_LAST ? n : 0;
            boolean strict = s instanceof IPersistentVector || s instanceof List && !(s instanceof clojure.lang.ISeq);
            if (at < 0 || at > n) {
                if (strict) {
                    throw new PathException(label + ": index " + at + " out of bounds for a sequence of size " + n);
                }
                at = Math.max(0, Math.min(n, at));
            }
            if (s instanceof IPersistentVector && at == n) {
                return ((IPersistentVector) s).cons(r);
            }
            if (s instanceof CharSequence) {
                String str = s.toString();
                return str.substring(0, at) + stringOf(r) + str.substring(at);
            }
            List<Object> elems = Colls.asList(s);
            Colls.SeqBuilder b = Colls.seqBuilder(s);
            for (int i = 0; i < at; i++) {
                b.add(elems.get(i));
            }
            b.add(r);
            for (int i = at; i < n; i++) {
                b.add(elems.get(i));
            }
            return b.build();
        }

        @Override
        public String name() {
            return label;
        }
    }

    /**
     * A predicate for {@link ContinuousSubseqs} that sees the previous element's result:
     * {@code fn(elem, previousResult)}; an element belongs to a run when
     * {@code getTruthy(result)} is exactly {@code true}.
     */
    public static final class SubseqPred {
        final IFn getTruthy;
        final IFn fn;

        public SubseqPred(IFn getTruthy, IFn fn) {
            this.getTruthy = getTruthy;
            this.fn = fn;
        }
    }

    /** Each maximal run of consecutive elements satisfying a predicate, as a subsequence. */
    public static final class ContinuousSubseqs extends BaseNav {
        private final IFn pred;
        private final SubseqPred stateful;

        public ContinuousSubseqs(Object pred) {
            if (pred instanceof SubseqPred) {
                this.stateful = (SubseqPred) pred;
                this.pred = null;
            } else {
                this.stateful = null;
                this.pred = (IFn) pred;
            }
        }

        private List<int[]> runs(List<Object> elems) {
            ArrayList<int[]> out = new ArrayList<>();
            int startRun = -1;
            Object prev = null;
            for (int i = 0; i < elems.size(); i++) {
                boolean ok;
                if (stateful != null) {
                    prev = stateful.fn.invoke(elems.get(i), prev);
                    ok = Boolean.TRUE.equals(stateful.getTruthy.invoke(prev));
                } else {
                    ok = Colls.truthy(pred.invoke(elems.get(i)));
                }
                if (ok && startRun < 0) {
                    startRun = i;
                } else if (!ok && startRun >= 0) {
                    out.add(new int[] {startRun, i});
                    startRun = -1;
                }
            }
            if (startRun >= 0) {
                out.add(new int[] {startRun, elems.size()});
            }
            return out;
        }

        @Override
        public Object select(IPersistentVector vals, Object s, Next next) {
            checkSeq(this, s);
            List<Object> elems = Colls.asList(s);
            for (int[] r : runs(elems)) {
                Object res = next.invoke(vals, subseq(s, elems, r[0], r[1]));
                if (stop(res)) {
                    return res;
                }
            }
            return NONE;
        }

        @Override
        public Object transform(IPersistentVector vals, Object s, Next next) {
            checkSeq(this, s);
            List<Object> elems = Colls.asList(s);
            List<int[]> runs = runs(elems);
            if (runs.isEmpty()) {
                return s;
            }
            if (s instanceof CharSequence) {
                StringBuilder sb = new StringBuilder();
                String str = s.toString();
                int pos = 0;
                for (int[] r : runs) {
                    sb.append(str, pos, r[0]);
                    sb.append(stringOf(next.invoke(vals, str.substring(r[0], r[1]))));
                    pos = r[1];
                }
                sb.append(str.substring(pos));
                return sb.toString();
            }
            Colls.SeqBuilder b = Colls.seqBuilder(s);
            int pos = 0;
            for (int[] r : runs) {
                for (int i = pos; i < r[0]; i++) {
                    b.add(elems.get(i));
                }
                Object res = next.invoke(vals, subseq(s, elems, r[0], r[1]));
                if (res != NONE && res != null) {
                    b.addAll(Colls.elements(res));
                }
                pos = r[1];
            }
            for (int i = pos; i < elems.size(); i++) {
                b.add(elems.get(i));
            }
            return b.build();
        }

        @Override
        public String name() {
            return "(continuous-subseqs " + (pred != null ? pred : stateful.fn) + ")";
        }
    }

    /**
     * The index itself, when it is within the sequence; a transform moves the element at that
     * index to the returned index.
     */
    public static final class IndexNav extends BaseNav {
        private final int index;

        public IndexNav(int index) {
            this.index = index;
        }

        @Override
        public Object select(IPersistentVector vals, Object s, Next next) {
            checkSeq(this, s);
            return index >= 0 && index < Colls.count(s) ? next.invoke(vals, index) : NONE;
        }

        @Override
        public Object transform(IPersistentVector vals, Object s, Next next) {
            checkSeq(this, s);
            if (index < 0 || index >= Colls.count(s)) {
                return s;
            }
            Object r = next.invoke(vals, index);
            if (!(r instanceof Number)) {
                throw new PathException(name() + ": the new index must be a number, got a " + Colls.typeName(r));
            }
            return move(this, s, index, RT.intCast(r));
        }

        @Override
        public String name() {
            return "(index-nav " + index + ")";
        }
    }

    /** Vectors and java.util lists check indexes strictly; lists, seqs and strings clamp them. */
    static boolean strictIndexes(Object s) {
        return s instanceof IPersistentVector || s instanceof List && !(s instanceof clojure.lang.ISeq);
    }

    /** Where an element moved from {@code from} to {@code to} lands in a sequence of size {@code n}. */
    static int moveTarget(Nav nav, int from, int to, int n, boolean strict) {
        if (to < 0 || to >= n) {
            if (strict) {
                throw new PathException(nav.name() + ": cannot move index " + from + " to " + to
                        + " in a sequence of size " + n);
            }
            return Math.max(0, Math.min(n - 1, to));
        }
        return to;
    }

    static Object move(Nav nav, Object s, int from, int to) {
        if (from == to) {
            return s;
        }
        List<Object> elems = new ArrayList<>(Colls.asList(s));
        int n = elems.size();
        int target = moveTarget(nav, from, to, n, strictIndexes(s));
        if (target == from) {
            return s;
        }
        Object e = elems.remove(from);
        elems.add(target, e);
        return Colls.seqFrom(s, elems);
    }

    /**
     * {@code [index element]} pairs, indexes counted from {@code start}. A transform may change both;
     * a changed index moves the element, and later pairs see the shifted positions.
     */
    public static final class IndexedVals extends BaseNav {
        private final int start;

        public IndexedVals(int start) {
            this.start = start;
        }

        @Override
        public Object select(IPersistentVector vals, Object s, Next next) {
            checkOrdered(this, s);
            int i = start;
            for (Object e : Colls.elements(s)) {
                Object r = next.invoke(vals, PersistentVector.create(i++, e));
                if (stop(r)) {
                    return r;
                }
            }
            return NONE;
        }

        /**
         * Specter's order: the original elements are visited in their original order, each
         * presented with its current index (which earlier moves may have shifted); the element is
         * replaced, then moved to the returned index.
         */
        @Override
        public Object transform(IPersistentVector vals, Object s, Next next) {
            checkSeq(this, s);
            if (s == null) {
                return null;
            }
            List<Object> original = Colls.asList(s);
            ArrayList<Object> elems = new ArrayList<>(original);
            int n = elems.size();
            int[] current = new int[n];
            for (int i = 0; i < n; i++) {
                current[i] = i;
            }
            boolean strict = strictIndexes(s);
            for (int k = 0; k < n; k++) {
                int curri = current[k];
                Object r = next.invoke(vals, PersistentVector.create(curri + start, original.get(k)));
                if (r == NONE) {
                    throw new PathException(name() + ": cannot remove an element (the transform returned NONE)");
                }
                Object[] iv = Colls.pair(r, name());
                if (!(iv[0] instanceof Number)) {
                    throw new PathException(name() + ": the new index must be a number, got a "
                            + Colls.typeName(iv[0]));
                }
                int newi = RT.intCast(iv[0]) - start;
                elems.set(curri, iv[1]);
                int to = moveTarget(this, curri, newi, n, strict);
                if (to != curri) {
                    elems.add(to, elems.remove(curri));
                    if (to > curri) {
                        for (int j = k + 1; j < n; j++) {
                            if (current[j] > curri && current[j] <= to) {
                                current[j]--;
                            }
                        }
                    }
                }
            }
            return Colls.seqFrom(s, elems);
        }

        @Override
        public String name() {
            return start == 0 ? "INDEXED-VALS" : "(indexed-vals " + start + ")";
        }
    }
}
