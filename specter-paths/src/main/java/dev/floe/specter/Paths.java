package dev.floe.specter;

import clojure.lang.IFn;
import clojure.lang.IPersistentVector;
import clojure.lang.ISeq;
import clojure.lang.Keyword;
import clojure.lang.RT;
import clojure.lang.Symbol;
import dev.floe.specter.impl.BasicNavs;
import dev.floe.specter.impl.ChainNav;
import dev.floe.specter.impl.LensChain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compiles path elements into navigators. A path is a navigator, a vector or {@code List} of
 * path elements (nested freely), or an implicit navigator: a keyword, symbol, string, number,
 * character or boolean means {@code keypath}, a function or set means {@code pred}, a regex means {@code regex-nav}, and nil
 * means {@code STAY}. Compilation flattens nesting, drops {@code STAY}, and fuses runs of
 * single-place navigators; compile once and reuse the result.
 *
 * <p>A {@link Template} is a path compiled once with late-bound parameters: placeholders that
 * take per-call values (in Clojure, locals referenced by a path; in dataflow, variables).
 */
public final class Paths {
    private Paths() {}

    /** Compiles path elements into one navigator. */
    public static Nav compile(Object... elements) {
        ArrayList<Nav> navs = new ArrayList<>();
        for (Object e : elements) {
            flatten(e, navs);
        }
        return fuse(navs);
    }

    /** Compiles a single path element, which may itself be a vector of elements. */
    public static Nav compile(Object path) {
        if (path instanceof Nav) {
            return (Nav) path;
        }
        ArrayList<Nav> navs = new ArrayList<>();
        flatten(path, navs);
        return fuse(navs);
    }

    /** True for values that are sequences of path elements rather than single elements. */
    public static boolean isPathSequence(Object e) {
        return e instanceof IPersistentVector || e instanceof List && !(e instanceof Nav);
    }

    private static void flatten(Object e, List<Nav> out) {
        if (e instanceof Nav) {
            out.add((Nav) e);
        } else if (isPathSequence(e)) {
            for (Object o : (List<?>) e) {
                flatten(o, out);
            }
        } else if (e instanceof ISeq) {
            for (ISeq s = (ISeq) e; s != null; s = s.next()) {
                flatten(s.first(), out);
            }
        } else {
            out.add(implicit(e));
        }
    }

    /** The navigator an implicit path element stands for. */
    public static Nav implicit(Object e) {
        if (e instanceof Nav) {
            return (Nav) e;
        }
        if (e == null) {
            return Navs.STAY;
        }
        if (e instanceof Keyword || e instanceof Symbol || e instanceof String || e instanceof Number
                || e instanceof Character || e instanceof Boolean) {
            return Navs.keypath(e);
        }
        if (e instanceof Set && e instanceof IFn) {
            return Navs.pred((IFn) e);
        }
        if (e instanceof Pattern) {
            return Navs.regexNav((Pattern) e);
        }
        if (e instanceof IFn) {
            return Navs.pred((IFn) e);
        }
        throw new PathException("Not a navigator: " + RT.printString(e) + " (a " + e.getClass().getName()
                + "); use keypath for keys, pred for predicates",
                clojure.lang.PersistentArrayMap.EMPTY.assoc(Keyword.intern("this"), e)
                        .assoc(Keyword.intern("type-str"), e.getClass().getName()));
    }

    private static Nav fuse(List<Nav> navs) {
        ArrayList<Nav> out = new ArrayList<>();
        ArrayList<LensNav> run = new ArrayList<>();
        for (Nav n : navs) {
            if (n == Navs.STAY) {
                continue;
            }
            if (n instanceof ChainNav) {
                for (Nav inner : ((ChainNav) n).navs()) {
                    if (inner instanceof LensChain) {
                        for (Nav lens : ((LensChain) inner).lenses()) {
                            addFused(lens, out, run);
                        }
                    } else {
                        addFused(inner, out, run);
                    }
                }
            } else if (n instanceof LensChain) {
                for (Nav lens : ((LensChain) n).lenses()) {
                    addFused(lens, out, run);
                }
            } else {
                addFused(n, out, run);
            }
        }
        flushRun(out, run);
        if (out.isEmpty()) {
            return Navs.STAY;
        }
        return out.size() == 1 ? out.get(0) : new ChainNav(out.toArray(new Nav[0]));
    }

    private static void addFused(Nav n, List<Nav> out, List<LensNav> run) {
        if (n instanceof LensNav) {
            run.add((LensNav) n);
        } else {
            flushRun(out, run);
            out.add(n);
        }
    }

    private static void flushRun(List<Nav> out, List<LensNav> run) {
        if (run.size() == 1) {
            out.add(run.get(0));
        } else if (run.size() > 1) {
            out.add(new LensChain(run.toArray(new LensNav[0])));
        }
        run.clear();
    }

    // ------------------------------------------------------------------ templates

    /** A placeholder for the {@code index}-th late-bound parameter, bound as an implicit navigator. */
    public static Param param(int index) {
        return new Param(index, Param.IMPLICIT);
    }

    /** A placeholder for the {@code index}-th parameter, bound as the key of a {@code keypath}. */
    public static Param keyParam(int index) {
        return new Param(index, Param.KEY);
    }

    /** A placeholder for the {@code index}-th parameter, bound as the key of a {@code must}. */
    public static Param mustParam(int index) {
        return new Param(index, Param.MUST);
    }

    /** A late-bound parameter reference inside a {@link Template}. */
    public static final class Param {
        static final int IMPLICIT = 0;
        static final int KEY = 1;
        static final int MUST = 2;

        private final int index;
        private final int kind;

        Param(int index, int kind) {
            if (index < 0) {
                throw new IllegalArgumentException("param index must be >= 0");
            }
            this.index = index;
            this.kind = kind;
        }

        public int index() {
            return index;
        }

        /** The navigator this parameter stands for when bound to {@code value}. */
        Nav bindTo(Object value) {
            switch (kind) {
                case KEY:
                    return new BasicNavs.Keypath(value);
                case MUST:
                    return new BasicNavs.Must(value);
                default:
                    // class checks first: a failed instanceof against an interface (Nav) is slow
                    if (value instanceof Keyword || value instanceof String || value instanceof Long) {
                        return new BasicNavs.Keypath(value);
                    }
                    if (value instanceof Nav) {
                        return (Nav) value;
                    }
                    if (value instanceof Symbol || value instanceof Number || value instanceof Character
                            || value instanceof Boolean) {
                        return new BasicNavs.Keypath(value);
                    }
                    return compile(value);
            }
        }

        @Override
        public String toString() {
            return (kind == KEY ? "%key" : kind == MUST ? "%must" : "%param") + index;
        }
    }

    /**
     * A path element built at bind time by calling {@code builder} with {@code args}, where any
     * {@link Param} argument is replaced by its parameter value. The builder returns a path.
     */
    public static Dynamic dynamic(IFn builder, Object... args) {
        return new Dynamic(builder, args);
    }

    /** See {@link #dynamic}. */
    public static final class Dynamic {
        private final IFn builder;
        private final Object[] args;

        Dynamic(IFn builder, Object[] args) {
            this.builder = builder;
            this.args = args.clone();
        }

        Object build(Object[] params) {
            Object[] resolved = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                resolved[i] = args[i] instanceof Param ? params[((Param) args[i]).index] : args[i];
            }
            return builder.applyTo(RT.seq(resolved));
        }

        @Override
        public String toString() {
            return "(" + builder + " " + Arrays.toString(args) + ")";
        }
    }

    /**
     * Compiles a path whose elements may include {@link Param} placeholders (bound to an implicit
     * navigator at bind time) and {@link Dynamic} elements. Static runs are compiled once.
     */
    public static Template template(Object... elements) {
        return new Template(elements);
    }

    /** A path compiled once that takes per-call parameter values. */
    public static final class Template {
        private final Object[] slots;
        private final int numParams;
        private final Nav constant;
        /**
         * When every static part is single-place and there are no dynamic elements: the fused
         * lenses with the parameters' positions empty, so binding fills in a copy (no compiling).
         */
        private final LensNav[] lensProto;
        private final int[] paramPos;
        private final Param[] paramAt;

        Template(Object[] elements) {
            ArrayList<Object> flat = new ArrayList<>();
            for (Object e : elements) {
                flattenTemplate(e, flat);
            }
            ArrayList<Object> slotList = new ArrayList<>();
            ArrayList<Object> staticRun = new ArrayList<>();
            int maxParam = -1;
            for (Object e : flat) {
                if (e instanceof Param || e instanceof Dynamic) {
                    if (!staticRun.isEmpty()) {
                        slotList.add(compile(staticRun.toArray()));
                        staticRun.clear();
                    }
                    slotList.add(e);
                    maxParam = Math.max(maxParam, maxParamOf(e));
                } else {
                    staticRun.add(e);
                }
            }
            if (!staticRun.isEmpty()) {
                slotList.add(compile(staticRun.toArray()));
            }
            this.slots = slotList.toArray();
            this.numParams = maxParam + 1;
            boolean allStatic = slotList.stream().allMatch(s -> s instanceof Nav);
            this.constant = allStatic ? compile(slots) : null;
            ArrayList<LensNav> proto = new ArrayList<>();
            ArrayList<Integer> pos = new ArrayList<>();
            ArrayList<Param> params = new ArrayList<>();
            boolean lensOnly = constant == null;
            for (Object slot : slots) {
                if (slot instanceof Param) {
                    pos.add(proto.size());
                    params.add((Param) slot);
                    proto.add(null);
                } else if (slot instanceof LensNav) {
                    proto.add((LensNav) slot);
                } else if (slot instanceof LensChain) {
                    for (Nav l : ((LensChain) slot).lenses()) {
                        proto.add((LensNav) l);
                    }
                } else if (slot != Navs.STAY) {
                    lensOnly = false;
                }
            }
            this.lensProto = lensOnly ? proto.toArray(new LensNav[0]) : null;
            this.paramPos = lensOnly ? pos.stream().mapToInt(Integer::intValue).toArray() : null;
            this.paramAt = lensOnly ? params.toArray(new Param[0]) : null;
        }

        private static int maxParamOf(Object e) {
            if (e instanceof Param) {
                return ((Param) e).index;
            }
            int max = -1;
            for (Object a : ((Dynamic) e).args) {
                if (a instanceof Param) {
                    max = Math.max(max, ((Param) a).index);
                }
            }
            return max;
        }

        private static void flattenTemplate(Object e, List<Object> out) {
            if (isPathSequence(e)) {
                for (Object o : (List<?>) e) {
                    flattenTemplate(o, out);
                }
            } else {
                out.add(e);
            }
        }

        /** The number of parameters {@link #bind} expects. */
        public int numParams() {
            return numParams;
        }

        /** True when the template has no parameters, so {@link #bind} always returns one navigator. */
        public boolean isConstant() {
            return constant != null;
        }

        /** The navigator for these parameter values. */
        public Nav bind(Object... params) {
            if (constant != null) {
                return constant;
            }
            if (params.length < numParams) {
                throw new PathException("path template needs " + numParams + " parameters, got " + params.length);
            }
            if (lensProto != null) {
                Nav fast = bindLenses(params);
                if (fast != null) {
                    return fast;
                }
            }
            Object[] navs = new Object[slots.length];
            for (int i = 0; i < slots.length; i++) {
                Object s = slots[i];
                if (s instanceof Param) {
                    navs[i] = ((Param) s).bindTo(params[((Param) s).index]);
                } else if (s instanceof Dynamic) {
                    navs[i] = compile(((Dynamic) s).build(params));
                } else {
                    navs[i] = s;
                }
            }
            return compile(navs);
        }

        /** Binding without compiling: a copy of the prototype lenses with the parameters' lenses in place. */
        private Nav bindLenses(Object[] params) {
            LensNav[] lenses = lensProto.clone();
            for (int i = 0; i < paramPos.length; i++) {
                Nav n = paramAt[i].bindTo(params[paramAt[i].index]);
                if (!(n instanceof LensNav)) {
                    return null;
                }
                lenses[paramPos[i]] = (LensNav) n;
            }
            return lenses.length == 1 ? lenses[0] : LensChain.owning(lenses);
        }
    }
}
