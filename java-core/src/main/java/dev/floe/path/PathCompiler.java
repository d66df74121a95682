package dev.floe.path;

import clojure.java.api.Clojure;
import clojure.lang.AFn;
import clojure.lang.ISeq;
import clojure.lang.RT;
import dev.floe.Constant;
import dev.floe.Navigator;
import dev.floe.Path;
import dev.floe.SortedRangeFromOptions;
import dev.floe.SortedRangeOptions;
import dev.floe.SortedRangeToOptions;
import dev.floe.ops.FloeFunction;
import dev.floe.specter.Nav;
import dev.floe.specter.Navs;
import dev.floe.specter.PathException;
import dev.floe.specter.Paths;
import dev.floe.specter.Specter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Compiles {@link Path}s to engine navigators. Steps whose arguments are all literals are built
 * once; steps that use dataflow variables (directly or in a sub-path) become late-bound elements
 * of a {@link Paths.Template}, rebuilt with each binding.
 */
public final class PathCompiler {
    private PathCompiler() {}

    static {
        // Clojure's runtime must be loaded before its sorted collections are touched: in a JVM whose
        // first Clojure contact is PersistentTreeMap/PersistentTreeSet (as a sorted range of null
        // is), RT's static initialiser fails and the JVM has no working Clojure afterwards.
        Clojure.var("clojure.core", "identity");
    }

    /** Whether an argument is a dataflow variable reference ({@code *x}, {@code $$p}, {@code %f}). */
    public static boolean isVar(Object arg) {
        if (!(arg instanceof String)) {
            return false;
        }
        String s = (String) arg;
        return s.length() > 1 && (s.charAt(0) == '*' || s.charAt(0) == '%') || s.length() > 2 && s.startsWith("$$");
    }

    /** Resolves variable references to values. */
    public interface Resolver {
        /** The value of a variable. */
        Object valueOf(String var);
    }

    static final Resolver UNBOUND = var -> {
        throw new PathException("dataflow variable " + var + " is not bound here");
    };

    /** Compiles a path. */
    public static CompiledPath compile(Path path) {
        PathImpl p = (PathImpl) path;
        LinkedHashSet<String> vars = new LinkedHashSet<>();
        collectVars(p, vars);
        List<String> varList = new ArrayList<>(vars);
        List<PathStep> steps = p.steps();
        Object[] elems = new Object[steps.size()];
        Object[] params = new Object[varList.size()];
        for (int i = 0; i < params.length; i++) {
            params[i] = Paths.param(i);
        }
        for (int i = 0; i < elems.length; i++) {
            PathStep step = steps.get(i);
            LinkedHashSet<String> stepVars = new LinkedHashSet<>();
            collectVars(step, stepVars);
            if (stepVars.isEmpty()) {
                elems[i] = build(step, UNBOUND);
            } else if (isKeyStep(step)) {
                elems[i] = keyParams(step, varList);
            } else {
                elems[i] = Paths.dynamic(new StepBuilder(step, varList), params);
            }
        }
        return new CompiledPath(p.toString(), varList, Paths.template(elems));
    }

    /** Compiled shapes of variable-free paths: their key literals turned into parameters. */
    private static final java.util.concurrent.ConcurrentHashMap<PathImpl, CompiledPath> SHAPES =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** Past this many shapes the cache starts over (a client making paths of ever new shapes). */
    static final int SHAPES_MAX = 4096;

    /**
     * The navigator of a path without variables, such as a client's {@code Path.key("alice")}:
     * compiled once per <em>shape</em> — the path with the literal keys of its {@code key} and
     * {@code must} steps replaced by parameters — and bound to this path's keys, so a new path per
     * request costs a bind rather than a compilation. Same result as {@code compiled().nav()}.
     */
    public static Nav navFor(PathImpl path) {
        List<PathStep> steps = path.steps();
        List<Object> values = new ArrayList<>();
        PathImpl shape = PathImpl.EMPTY;
        for (PathStep step : steps) {
            if ((step.op().equals("key") || step.op().equals("must")) && step.arity() == 1
                    && step.arg(0) instanceof Object[]) {
                Object[] keys = (Object[]) step.arg(0);
                Object[] params = new Object[keys.length];
                for (int i = 0; i < keys.length; i++) {
                    Object k = keys[i];
                    if (isVar(k)) {
                        return path.compiled().nav(); // reports the unbound variable
                    }
                    if (k instanceof Object[] || k instanceof PathImpl || k instanceof dev.floe.Constant) {
                        params[i] = k;
                    } else {
                        params[i] = "*__k" + values.size();
                        values.add(k);
                    }
                }
                shape = PathImpl.withStep(shape, new PathStep(step.op(), new Object[] {params}));
            } else {
                shape = PathImpl.withStep(shape, step);
            }
        }
        if (values.isEmpty()) {
            return path.compiled().nav();
        }
        CompiledPath c = SHAPES.get(shape);
        if (c == null) {
            if (SHAPES.size() >= SHAPES_MAX) {
                SHAPES.clear();
            }
            c = shape.compiled();
            if (!c.vars().equals(shapeVars(values.size()))) {
                // a step other than key/must uses a parameter name: not a shape we can bind
                return path.compiled().nav();
            }
            SHAPES.put(shape, c);
        }
        return c.bind(values.toArray());
    }

    private static List<String> shapeVars(int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add("*__k" + i);
        }
        return out;
    }

    /** How many shapes are cached (tests). */
    static int shapesCached() {
        return SHAPES.size();
    }

    /** Builds the navigator of a path with variables resolved by {@code r}. */
    public static Nav build(Path path, Resolver r) {
        List<PathStep> steps = ((PathImpl) path).steps();
        Object[] navs = new Object[steps.size()];
        for (int i = 0; i < navs.length; i++) {
            navs[i] = build(steps.get(i), r);
        }
        return Paths.compile(navs);
    }

    /** {@code key} and {@code must} steps whose arguments are plain variables or literals. */
    private static boolean isKeyStep(PathStep step) {
        if (!step.op().equals("key") && !step.op().equals("must")) {
            return false;
        }
        for (Object a : (Object[]) step.arg(0)) {
            if (!isVar(a) && (a instanceof Object[] || a instanceof PathImpl)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A key step with variables, as one template element per key: literals become fixed
     * navigators and variables become key parameters, so binding fills slots instead of building.
     */
    private static List<Object> keyParams(PathStep step, List<String> vars) {
        boolean must = step.op().equals("must");
        List<Object> out = new ArrayList<>();
        for (Object a : (Object[]) step.arg(0)) {
            if (isVar(a)) {
                int i = vars.indexOf(a);
                out.add(must ? Paths.mustParam(i) : Paths.keyParam(i));
            } else {
                Object v = resolve(a, UNBOUND);
                out.add(must ? Navs.must(v) : Navs.keypath(v));
            }
        }
        return out;
    }

    private static final class StepBuilder extends AFn {
        private final PathStep step;
        private final List<String> vars;

        StepBuilder(PathStep step, List<String> vars) {
            this.step = step;
            this.vars = vars;
        }

        @Override
        public Object applyTo(ISeq args) {
            Object[] values = RT.seqToArray(args);
            return build(step, var -> {
                int i = vars.indexOf(var);
                if (i < 0) {
                    throw new PathException("dataflow variable " + var + " is not bound here");
                }
                return values[i];
            });
        }
    }

    static void collectVars(PathImpl p, Set<String> out) {
        for (PathStep s : p.steps()) {
            collectVars(s, out);
        }
    }

    private static void collectVars(PathStep s, Set<String> out) {
        for (int i = 0; i < s.arity(); i++) {
            collectArgVars(s.arg(i), out);
        }
    }

    private static void collectArgVars(Object a, Set<String> out) {
        if (isVar(a)) {
            out.add((String) a);
        } else if (a instanceof Object[]) {
            for (Object o : (Object[]) a) {
                collectArgVars(o, out);
            }
        } else if (a instanceof PathImpl) {
            collectVars((PathImpl) a, out);
        }
    }

    private static Object resolve(Object a, Resolver r) {
        if (isVar(a)) {
            return r.valueOf((String) a);
        }
        if (a instanceof Constant) {
            return ((Constant) a).getValue();
        }
        return a;
    }

    private static Object[] resolveAll(Object varargs, Resolver r) {
        Object[] in = (Object[]) varargs;
        Object[] out = new Object[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = resolve(in[i], r);
        }
        return out;
    }

    private static Object[] resolveFrom(PathStep s, int from, Resolver r) {
        Object[] out = new Object[s.arity() - from];
        for (int i = from; i < s.arity(); i++) {
            out[i - from] = resolve(s.arg(i), r);
        }
        return out;
    }

    private static Nav sub(Object p, Resolver r) {
        if (!(p instanceof Path)) {
            throw new PathException("expected a Path, got " + p);
        }
        return build((Path) p, r);
    }

    /** The members of a subset step: an array of values and variables, or a variable holding a collection. */
    private static java.util.Collection<?> members(Object a, Resolver r, String op) {
        if (a instanceof Object[]) {
            return Arrays.asList(resolveAll(a, r));
        }
        Object v = resolve(a, r);
        if (v instanceof java.util.Collection) {
            return (java.util.Collection<?>) v;
        }
        throw new PathException(op + " needs a collection of members, got " + v);
    }

    private static int intArg(Object v, String op) {
        if (!(v instanceof Number)) {
            throw new PathException(op + " needs an integer, got " + v);
        }
        return ((Number) v).intValue();
    }

    /** The engine element for one step. */
    static Object build(PathStep s, Resolver r) {
        String op = s.op();
        switch (op) {
            case "key":
                return Navs.keypath(resolveAll(s.arg(0), r));
            case "must":
                return Navs.must(resolveAll(s.arg(0), r));
            case "all":
                return Navs.ALL;
            case "mapVals":
                return Navs.MAP_VALS;
            case "mapKeys":
                return Navs.MAP_KEYS;
            case "mapKey":
                return Navs.mapKey(resolve(s.arg(0), r));
            case "first":
                return Navs.FIRST;
            case "last":
                return Navs.LAST;
            case "nth":
                return Navs.nthpath(resolve(s.arg(0), r));
            case "sublist":
                return Navs.srange(intArg(resolve(s.arg(0), r), op), intArg(resolve(s.arg(1), r), op));
            case "subMap":
                return Navs.submap(Arrays.asList(resolveAll(s.arg(0), r)));
            case "setElem":
                return Navs.setElem(resolve(s.arg(0), r));
            case "subset":
                return Navs.subset(members(s.arg(0), r, op));
            case "indexedVals":
                return Navs.INDEXED_VALS;
            case "voidSetElem":
                return Navs.NONE_ELEM;
            case "afterElem":
                return Navs.AFTER_ELEM;
            case "beforeElem":
                return Navs.BEFORE_ELEM;
            case "beforeIndex":
                return Navs.beforeIndex(intArg(resolve(s.arg(0), r), op));
            case "end":
                return Navs.END;
            case "beginning":
                return Navs.BEGINNING;
            case "sortedMapRange":
            case "sortedSetRange":
                return range(s, r, op.startsWith("sortedMap"));
            case "sortedMapRangeFrom":
            case "sortedSetRangeFrom":
                return rangeFrom(s, r, op.startsWith("sortedMap"));
            case "sortedMapRangeTo":
            case "sortedSetRangeTo":
                return rangeTo(s, r, op.startsWith("sortedMap"));
            case "sortedMapRangeFromStart":
                return Navs.sortedMapRangeFromStart(maxAmtArg(number(resolve(s.arg(0), r), op), op));
            case "sortedMapRangeToEnd":
                return Navs.sortedMapRangeToEnd(maxAmtArg(number(resolve(s.arg(0), r), op), op));
            case "sortedSetRangeFromStart":
                return Navs.sortedSetRangeFromStart(maxAmtArg(number(resolve(s.arg(0), r), op), op));
            case "sortedSetRangeToEnd":
                return Navs.sortedSetRangeToEnd(maxAmtArg(number(resolve(s.arg(0), r), op), op));
            case "nullToVal":
                return Navs.nilToVal(resolve(s.arg(0), r));
            case "nullToList":
                return Navs.NIL_TO_VECTOR;
            case "nullToSet":
                return Navs.NIL_TO_SET;
            case "term":
                // the function may be a var (a Clojure <<ramafn bound in dataflow: (term %f))
                return Navs.terminal(Fns.toIFn(resolve(s.arg(0), r)), resolveFrom(s, 1, r));
            case "termVal":
                return Navs.terminalVal(resolve(s.arg(0), r));
            case "termVoid":
                return Navs.terminalVal(Specter.NONE);
            case "multiPath": {
                Object[] paths = (Object[]) s.arg(0);
                Object[] navs = new Object[paths.length];
                for (int i = 0; i < paths.length; i++) {
                    navs[i] = sub(paths[i], r);
                }
                return Navs.multiPath(navs);
            }
            case "filterPred":
                // like term, the function may be a var (a function computed per event in dataflow)
                return Navs.pred(Fns.toIFn(resolve(s.arg(0), r)), resolveFrom(s, 1, r));
            case "filterSelected":
                return Navs.selected(sub(s.arg(0), r));
            case "filterNotSelected":
                return Navs.notSelected(sub(s.arg(0), r));
            case "filterEqual":
                return Navs.predEq(resolve(s.arg(0), r));
            case "filterNotEqual":
                return Navs.predNotEq(resolve(s.arg(0), r));
            case "filterLessThan":
                return Navs.predLt(resolve(s.arg(0), r));
            case "filterLessThanOrEqual":
                return Navs.predLte(resolve(s.arg(0), r));
            case "filterGreaterThan":
                return Navs.predGt(resolve(s.arg(0), r));
            case "filterGreaterThanOrEqual":
                return Navs.predGte(resolve(s.arg(0), r));
            case "view":
                return Navs.view(Fns.toIFn(resolve(s.arg(0), r)), resolveFrom(s, 1, r));
            case "transformed":
                return Navs.transformed(sub(s.arg(0), r));
            case "stay":
                return Navs.STAY;
            case "stop":
                return Navs.STOP;
            case "ifPath":
                return s.arity() == 2 ? Navs.ifPath(sub(s.arg(0), r), sub(s.arg(1), r))
                        : Navs.ifPath(sub(s.arg(0), r), sub(s.arg(1), r), sub(s.arg(2), r));
            case "subselect":
                return Navs.subselect(sub(s.arg(0), r));
            case "filteredList":
                return Navs.filterer(sub(s.arg(0), r));
            case "customNav":
                return new NavigatorNav((Navigator<?>) s.arg(0));
            case "customNavBuilder": {
                Object nav = Fns.call((FloeFunction) s.arg(0), resolveFrom(s, 1, r));
                if (!(nav instanceof Navigator)) {
                    throw new PathException("customNavBuilder: the builder returned " + nav + ", not a Navigator");
                }
                return new NavigatorNav((Navigator<?>) nav);
            }
            case "pathBuilder": {
                Object p = Fns.call((FloeFunction) s.arg(0), resolveFrom(s, 1, r));
                return sub(p, r);
            }
            case "collect":
                return Navs.collect(sub(s.arg(0), r));
            case "collectOne":
                return new CollectOneNav(sub(s.arg(0), r));
            case "putCollected":
                return Navs.putval(resolve(s.arg(0), r));
            case "isCollected":
                return Navs.isCollected(Fns.toIFn(s.arg(0)));
            case "dispenseCollected":
                return Navs.DISPENSE;
            default:
                throw new PathException("unknown path navigator " + op);
        }
    }

    private static Object range(PathStep s, Resolver r, boolean map) {
        Object start = resolve(s.arg(0), r);
        Object end = resolve(s.arg(1), r);
        boolean startIncl = true;
        boolean endIncl = false;
        if (s.arity() == 3) {
            Object o = resolve(s.arg(2), r);
            if (o instanceof java.util.Map) {
                // Rama's Clojure options map, {:inclusive-start? b :inclusive-end? b}, held by a variable
                startIncl = !Boolean.FALSE.equals(option(o, "inclusive-start?"));
                endIncl = Boolean.TRUE.equals(option(o, "inclusive-end?"));
            } else if (o instanceof SortedRangeOptions.CapturedSortedRangeOptions) {
                SortedRangeOptions.CapturedSortedRangeOptions opts = (SortedRangeOptions.CapturedSortedRangeOptions) o;
                startIncl = opts.isStartIncluded();
                endIncl = opts.isEndIncluded();
            } else {
                throw new PathException(s.op() + ": options must be SortedRangeOptions or an options map, got " + o);
            }
        }
        return map ? Navs.sortedMapRange(start, end, startIncl, endIncl)
                : Navs.sortedSetRange(start, end, startIncl, endIncl);
    }

    /** An entry of a Clojure options map, by keyword (or string) name. */
    private static Object option(Object map, String name) {
        java.util.Map<?, ?> m = (java.util.Map<?, ?>) map;
        Object v = m.get(clojure.lang.Keyword.intern(name));
        return v != null ? v : m.get(name);
    }

    private static Number number(Object v, String op) {
        if (!(v instanceof Number)) {
            throw new PathException(op + ": the max amount must be a number, got " + v);
        }
        return (Number) v;
    }

    private static int maxAmtArg(Number n, String op) {
        int max = n.intValue();
        if (max < 0) {
            throw new PathException(op + ": the max amount must be >= 0, got " + n);
        }
        return max;
    }

    private static Object rangeFrom(PathStep s, Resolver r, boolean map) {
        Object start = resolve(s.arg(0), r);
        boolean incl = true;
        int max = -1;
        if (s.arity() == 2) {
            Object o = resolve(s.arg(1), r);
            if (o instanceof Number) {
                max = maxAmtArg((Number) o, s.op());
            } else if (o instanceof SortedRangeFromOptions.CapturedSortedRangeFromOptions) {
                SortedRangeFromOptions.CapturedSortedRangeFromOptions opts =
                        (SortedRangeFromOptions.CapturedSortedRangeFromOptions) o;
                incl = opts.isStartIncluded();
                max = opts.getMaxAmt();
            } else if (o instanceof java.util.Map) {
                // {:max-amt n :inclusive? b}
                Object m = option(o, "max-amt");
                if (m != null) {
                    max = maxAmtArg(number(m, s.op()), s.op());
                }
                incl = !Boolean.FALSE.equals(option(o, "inclusive?"));
            } else {
                throw new PathException(s.op() + ": options must be a max amount or SortedRangeFromOptions, got " + o);
            }
        }
        return map ? Navs.sortedMapRangeFrom(start, incl, max) : Navs.sortedSetRangeFrom(start, incl, max);
    }

    private static Object rangeTo(PathStep s, Resolver r, boolean map) {
        Object end = resolve(s.arg(0), r);
        boolean incl = false;
        int max = -1;
        if (s.arity() == 2) {
            Object o = resolve(s.arg(1), r);
            if (o instanceof Number) {
                max = maxAmtArg((Number) o, s.op());
            } else if (o instanceof SortedRangeToOptions.CapturedSortedRangeToOptions) {
                SortedRangeToOptions.CapturedSortedRangeToOptions opts =
                        (SortedRangeToOptions.CapturedSortedRangeToOptions) o;
                incl = opts.isEndIncluded();
                max = opts.getMaxAmt();
            } else if (o instanceof java.util.Map) {
                // {:max-amt n :inclusive? b}
                Object m = option(o, "max-amt");
                if (m != null) {
                    max = maxAmtArg(number(m, s.op()), s.op());
                }
                incl = Boolean.TRUE.equals(option(o, "inclusive?"));
            } else {
                throw new PathException(s.op() + ": options must be a max amount or SortedRangeToOptions, got " + o);
            }
        }
        return map ? Navs.sortedMapRangeTo(end, incl, max) : Navs.sortedSetRangeTo(end, incl, max);
    }

}
