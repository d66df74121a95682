package dev.floe.specter.impl;

import clojure.lang.IAtom;
import clojure.lang.IDeref;
import clojure.lang.IFn;
import clojure.lang.IMeta;
import clojure.lang.IObj;
import clojure.lang.IPersistentMap;
import clojure.lang.IPersistentVector;
import clojure.lang.Keyword;
import clojure.lang.PersistentVector;
import clojure.lang.Reduced;
import clojure.lang.Symbol;
import clojure.lang.AFn;
import dev.floe.specter.LensNav;
import dev.floe.specter.Nav;
import dev.floe.specter.Next;
import dev.floe.specter.PathException;
import dev.floe.specter.Specter;

import java.util.Iterator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Combinators (branching, sub-selection, filters on sub-paths), collectors, recursion and value views. */
public final class ControlNavs {
    private ControlNavs() {}

    static final Object NONE = Specter.NONE;

    /** True when {@code path} navigates anywhere in {@code s}, carrying the current collected values. */
    static boolean selectsAny(Nav path, IPersistentVector vals, Object s) {
        return path.select(vals, s, (v, x) -> x == NONE ? NONE : new Reduced(Boolean.TRUE)) instanceof Reduced;
    }

    /** Navigates {@code then} when {@code cond} selects anything, otherwise {@code otherwise}. */
    public static final class IfPath extends BaseNav {
        private final Nav cond;
        private final Nav then;
        private final Nav otherwise;

        public IfPath(Nav cond, Nav then, Nav otherwise) {
            this.cond = cond;
            this.then = then;
            this.otherwise = otherwise;
        }

        @Override
        public Object select(IPersistentVector vals, Object s, Next next) {
            return (selectsAny(cond, vals, s) ? then : otherwise).select(vals, s, next);
        }

        @Override
        public Object transform(IPersistentVector vals, Object s, Next next) {
            return (selectsAny(cond, vals, s) ? then : otherwise).transform(vals, s, next);
        }

        @Override
        public String name() {
            return "(if-path " + cond.name() + " " + then.name() + " " + otherwise.name() + ")";
        }
    }

    /** Every path from the same place: selections concatenate; transforms apply in order. */
    public static final class MultiPath extends BaseNav {
        private final Nav[] paths;

        public MultiPath(Nav[] paths) {
            this.paths = paths.clone();
        }

        @Override
        public Object select(IPersistentVector vals, Object s, Next next) {
            for (Nav p : paths) {
                Object r = p.select(vals, s, next);
                if (r instanceof Reduced) {
                    return r;
                }
            }
            return NONE;
        }

        @Override
        public Object transform(IPersistentVector vals, Object s, Next next) {
            Object out = s;
            for (Nav p : paths) {
                out = p.transform(vals, out, next);
            }
            return out;
        }

        @Override
        public String name() {
            StringBuilder sb = new StringBuilder("(multi-path");
            for (Nav p : paths) {
                sb.append(' ').append(p.name());
            }
            return sb.append(')').toString();
        }
    }

    /** Continues when the sub-path selects something ({@code selected?}) or nothing ({@code not-selected?}). */
    public static final class Selected extends BaseNav {
        private final Nav path;
        private final boolean negate;

        public Selected(Nav path, boolean negate) {
            this.path = path;
            this.negate = negate;
        }

        private boolean ok(IPersistentVector vals, Object s) {
            return selectsAny(path, vals, s) != negate;
        }

        @Override
        public Object select(IPersistentVector vals, Object s, Next next) {
            return ok(vals, s) ? next.invoke(vals, s) : NONE;
        }

        @Override
        public Object transform(IPersistentVector vals, Object s, Next next) {
            return ok(vals, s) ? next.invoke(vals, s) : s;
        }

        @Override
        public String name() {
            return (negate ? "(not-selected? " : "(selected? ") + path.name() + ")";
        }
    }

    /**
     * The vector of everything the sub-path selects. A transform writes the returned sequence back
     * position by position; positions beyond its end receive NONE (removal where supported).
     */
    public static final class Subselect extends BaseNav {
        private final Nav path;
        private final String label;

        public Subselect(Nav path, String label) {
            this.path = path;
            this.label = label;
        }

        @Override
        public Object select(IPersistentVector vals, Object s, Next next) {
            return next.invoke(vals, Specter.select(path, s));
        }

        @Override
        public Object transform(IPersistentVector vals, Object s, Next next) {
            IPersistentVector selected = Specter.select(path, s);
            Object replacement = next.invoke(vals, selected);
            Iterator<Object> it = replacement == null || replacement == NONE
                    ? java.util.Collections.emptyIterator() : Colls.elements(replacement).iterator();
            return path.transform(Specter.NO_VALS, s, (v, x) -> it.hasNext() ? it.next() : NONE);
        }

        @Override
        public String name() {
            return "(" + label + " " + path.name() + ")";
        }
    }

    /**
     * Navigates to the result of transforming the structure with a path and a function, or, when
     * the function is null, with a path ending in terminals (nothing is written).
     */
    public static final class Transformed extends LensNav {
        private final Nav path;
        private final IFn fn;

        public Transformed(Nav path, IFn fn) {
            this.path = path;
            this.fn = fn;
        }

        @Override
        public Object get(Object s) {
            return fn == null ? Specter.multiTransform(path, s) : Specter.transform(path, fn, s);
        }

        @Override
        public Object set(Object s, Object v) {
            return v;
        }

        @Override
        public String name() {
            return "(transformed " + path.name() + (fn == null ? "" : " " + fn) + ")";
        }
    }

    /** Navigates to the reduction of what a path selects ({@code (reduce f (traverse path s))}). */
    public static final class Traversed extends LensNav {
        private final Nav path;
        private final IFn fn;

        public Traversed(Nav path, IFn fn) {
            this.path = path;
            this.fn = fn;
        }

        @Override
        public Object get(Object s) {
            Object r = Specter.reduce(path, s, fn, fn.invoke());
            return r instanceof Reduced ? ((Reduced) r).deref() : r;
        }

        @Override
        public Object set(Object s, Object v) {
            return v;
        }

        @Override
        public String name() {
            return "(traversed " + path.name() + " " + fn + ")";
        }
    }

    /** Collects what a sub-path selects: all of it ({@code collect}) or exactly one ({@code collect-one}). */
    public static final class Collect extends BaseNav {
        private final Nav path;
        private final boolean one;

        public Collect(Nav path, boolean one) {
            this.path = path;
            this.one = one;
        }

        private IPersistentVector collected(IPersistentVector vals, Object s) {
            return vals.cons(one ? Specter.selectOne(path, s) : Specter.select(path, s));
        }

        @Override
        public Object select(IPersistentVector vals, Object s, Next next) {
            return next.invoke(collected(vals, s), s);
        }

        @Override
        public Object transform(IPersistentVector vals, Object s, Next next) {
            return next.invoke(collected(vals, s), s);
        }

        @Override
        public String name() {
            return (one ? "(collect-one " : "(collect ") + path.name() + ")";
        }
    }

    /** Runs a sub-path with no collected values, then continues with the outer ones. */
    public static final class WithFreshCollected extends BaseNav {
        private final Nav path;

        public WithFreshCollected(Nav path) {
            this.path = path;
        }

        @Override
        public Object select(IPersistentVector vals, Object s, Next next) {
            return path.select(Specter.NO_VALS, s, (v, x) -> next.invoke(vals, x));
        }

        @Override
        public Object transform(IPersistentVector vals, Object s, Next next) {
            return path.transform(Specter.NO_VALS, s, (v, x) -> next.invoke(vals, x));
        }

        @Override
        public String name() {
            return "(with-fresh-collected " + path.name() + ")";
        }
    }

    /**
     * A navigator whose definition is provided later: {@code declarepath}/{@code providepath},
     * {@code recursive-path} and {@code walker} refer to themselves through one.
     */
    public static final class Declared extends BaseNav {
        private volatile Nav target;
        private final String label;

        public Declared(String label) {
            this.label = label;
        }

        public void provide(Nav target) {
            this.target = target;
        }

        private Nav target() {
            Nav t = target;
            if (t == null) {
                throw new PathException("path " + label + " was declared but never provided (use providepath)");
            }
            return t;
        }

        @Override
        public Object select(IPersistentVector vals, Object s, Next next) {
            return target().select(vals, s, next);
        }

        @Override
        public Object transform(IPersistentVector vals, Object s, Next next) {
            return target().transform(vals, s, next);
        }

        @Override
        public String name() {
            return label;
        }
    }

    /** Each regex match of a string: a string, or {@code [whole group1 …]} when the regex has groups. */
    public static final class RegexNav extends BaseNav {
        private final Pattern pattern;

        public RegexNav(Pattern pattern) {
            this.pattern = pattern;
        }

        private static Object matchValue(Matcher m) {
            if (m.groupCount() == 0) {
                return m.group();
            }
            Object[] groups = new Object[m.groupCount() + 1];
            for (int i = 0; i <= m.groupCount(); i++) {
                groups[i] = m.group(i);
            }
            return PersistentVector.create(groups);
        }

        private void check(Object s) {
            if (!(s instanceof CharSequence)) {
                throw incompatible(s, "a string");
            }
        }

        @Override
        public Object select(IPersistentVector vals, Object s, Next next) {
            check(s);
            Matcher m = pattern.matcher((CharSequence) s);
            while (m.find()) {
                Object r = next.invoke(vals, matchValue(m));
                if (r instanceof Reduced) {
                    return r;
                }
            }
            return NONE;
        }

        @Override
        public Object transform(IPersistentVector vals, Object s, Next next) {
            check(s);
            Matcher m = pattern.matcher((CharSequence) s);
            StringBuilder sb = new StringBuilder();
            int pos = 0;
            String str = s.toString();
            while (m.find()) {
                Object r = next.invoke(vals, matchValue(m));
                if (!(r instanceof CharSequence)) {
                    throw new PathException(name() + ": a replacement must be a string, got a " + Colls.typeName(r));
                }
                sb.append(str, pos, m.start()).append(r);
                pos = m.end();
            }
            sb.append(str.substring(pos));
            return sb.toString();
        }

        @Override
        public String name() {
            return "(regex-nav #\"" + pattern.pattern() + "\")";
        }
    }

    /** Navigates to {@code parse(s)}; a transform stores {@code unparse(result)}. */
    public static final class Parser extends LensNav {
        private final IFn parse;
        private final IFn unparse;

        public Parser(IFn parse, IFn unparse) {
            this.parse = parse;
            this.unparse = unparse;
        }

        @Override
        public Object get(Object s) {
            return parse.invoke(s);
        }

        @Override
        public Object set(Object s, Object v) {
            return unparse.invoke(v);
        }

        @Override
        public String name() {
            return "(parser " + parse + " " + unparse + ")";
        }
    }

    /** The value of an atom; a transform swaps the atom and returns the same atom. */
    public static final class AtomNav extends BaseNav {
        @Override
        public Object select(IPersistentVector vals, Object s, Next next) {
            if (!(s instanceof IDeref)) {
                throw incompatible(s, "an atom");
            }
            return next.invoke(vals, ((IDeref) s).deref());
        }

        @Override
        public Object transform(IPersistentVector vals, Object s, Next next) {
            if (!(s instanceof IAtom)) {
                throw incompatible(s, "an atom");
            }
            ((IAtom) s).swap(new AFn() {
                @Override
                public Object invoke(Object v) {
                    return next.invoke(vals, v);
                }
            });
            return s;
        }

        @Override
        public String name() {
            return "ATOM";
        }
    }

    /** The metadata of a value; a transform replaces it. */
    public static final class Meta extends LensNav {
        @Override
        public Object get(Object s) {
            return s instanceof IMeta ? ((IMeta) s).meta() : null;
        }

        @Override
        public Object set(Object s, Object v) {
            if (!(s instanceof IObj)) {
                throw PathException.incompatible(this, s, "a value that can carry metadata");
            }
            return ((IObj) s).withMeta((IPersistentMap) v);
        }

        @Override
        public String name() {
            return "META";
        }
    }

    /** The name ({@code namespace == false}) or namespace of a keyword or symbol. */
    public static final class NamePart extends LensNav {
        private final boolean namespace;

        public NamePart(boolean namespace) {
            this.namespace = namespace;
        }

        @Override
        public Object get(Object s) {
            if (s instanceof Keyword) {
                return namespace ? ((Keyword) s).getNamespace() : ((Keyword) s).getName();
            }
            if (s instanceof Symbol) {
                return namespace ? ((Symbol) s).getNamespace() : ((Symbol) s).getName();
            }
            if (s instanceof String && !namespace) {
                return s;
            }
            throw PathException.incompatible(this, s, "a keyword or a symbol");
        }

        @Override
        public Object set(Object s, Object v) {
            String ns;
            String nm;
            if (s instanceof Keyword) {
                ns = ((Keyword) s).getNamespace();
                nm = ((Keyword) s).getName();
            } else if (s instanceof Symbol) {
                ns = ((Symbol) s).getNamespace();
                nm = ((Symbol) s).getName();
            } else {
                throw PathException.incompatible(this, s, "a keyword or a symbol");
            }
            if (namespace) {
                ns = (String) v;
            } else {
                nm = (String) v;
            }
            return s instanceof Keyword ? Keyword.intern(ns, nm) : Symbol.intern(ns, nm);
        }

        @Override
        public String name() {
            return namespace ? "NAMESPACE" : "NAME";
        }
    }
}
