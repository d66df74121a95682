package dev.floe.path;

import dev.floe.Navigator;
import dev.floe.Path;
import dev.floe.SortedRangeFromOptions;
import dev.floe.SortedRangeOptions;
import dev.floe.SortedRangeToOptions;
import dev.floe.ops.FloeFunction0;
import dev.floe.ops.FloeFunction1;
import dev.floe.ops.FloeFunction2;
import dev.floe.ops.FloeFunction3;
import dev.floe.ops.FloeFunction4;
import dev.floe.ops.FloeFunction5;
import dev.floe.ops.FloeFunction6;
import dev.floe.ops.FloeFunction7;
import dev.floe.ops.FloeFunction8;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The immutable implementation of {@link Path.Impl}: a list of {@link PathStep}s. Appending copies
 * the (short) step list, so paths can be shared and reused freely.
 */
public final class PathImpl implements Path.Impl {
    private static final long serialVersionUID = 1L;

    /** The empty path. */
    public static final PathImpl EMPTY = new PathImpl(Collections.emptyList());

    private final List<PathStep> steps;
    private transient volatile CompiledPath compiled;

    private PathImpl(List<PathStep> steps) {
        this.steps = steps;
    }

    /** The steps of this path, in order. */
    public List<PathStep> steps() {
        return steps;
    }

    /**
     * The literal first key of a path that starts with {@code key} or {@code must} (how a PState
     * read is routed to its partition), or {@link #NO_LEADING_KEY}.
     */
    public Object leadingKey() {
        Object k = leadingKeyArg();
        if (k == NO_LEADING_KEY || PathCompiler.isVar(k)) {
            return NO_LEADING_KEY;
        }
        return k instanceof dev.floe.Constant ? ((dev.floe.Constant) k).getValue() : k;
    }

    /**
     * The first key of a path that starts with {@code key} or {@code must} as written: a literal,
     * a {@link dev.floe.Constant}, or a variable name; {@link #NO_LEADING_KEY} otherwise.
     */
    public Object leadingKeyArg() {
        if (steps.isEmpty() || !steps.get(0).op().equals("key") && !steps.get(0).op().equals("must")) {
            return NO_LEADING_KEY;
        }
        Object[] keys = (Object[]) steps.get(0).arg(0);
        return keys.length == 0 ? NO_LEADING_KEY : keys[0];
    }

    /** What {@link #leadingKey()} returns for a path without a literal leading key. */
    public static final Object NO_LEADING_KEY = new Object() {
        @Override
        public String toString() {
            return "no leading key";
        }
    };

    /** This path compiled (once, then cached). */
    public CompiledPath compiled() {
        CompiledPath c = compiled;
        if (c == null) {
            c = PathCompiler.compile(this);
            compiled = c;
        }
        return c;
    }

    /**
     * A varargs array as given: {@code key(null)} passes a null array, which means one null key
     * (the step copies the array, so later changes to the caller's array don't affect the path).
     */
    private static Object[] keys(Object[] argKeys) {
        return argKeys == null ? new Object[] {null} : argKeys;
    }

    private static int maxAmt(int maxAmt) {
        if (maxAmt < 0) {
            throw new IllegalArgumentException("maxAmt must be >= 0, got " + maxAmt);
        }
        return maxAmt;
    }

    /** {@code path} extended with one step (used when reading IR text). */
    public static PathImpl withStep(PathImpl path, PathStep step) {
        return path.add(step.op(), step.args());
    }

    private PathImpl add(String op, Object[] args) {
        ArrayList<PathStep> next = new ArrayList<>(steps.size() + 1);
        next.addAll(steps);
        next.add(new PathStep(op, args));
        return new PathImpl(Collections.unmodifiableList(next));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PathImpl && ((PathImpl) o).steps.equals(steps);
    }

    @Override
    public int hashCode() {
        return steps.hashCode();
    }

    @Override
    public String toString() {
        if (steps.isEmpty()) {
            return "Path.create()";
        }
        StringBuilder sb = new StringBuilder("Path");
        for (PathStep s : steps) {
            sb.append('.').append(s);
        }
        return sb.toString();
    }

    @Override
    public Path.Impl key(Object... argKeys) {
        return add("key", new Object[] {(Object) keys(argKeys)});
    }
    @Override
    public Path.Impl must(Object... argKeys) {
        return add("must", new Object[] {(Object) keys(argKeys)});
    }
    @Override
    public Path.Impl all() {
        return add("all", new Object[] {});
    }
    @Override
    public Path.Impl mapVals() {
        return add("mapVals", new Object[] {});
    }
    @Override
    public Path.Impl mapKeys() {
        return add("mapKeys", new Object[] {});
    }
    @Override
    public Path.Impl mapKey(Object argKey) {
        return add("mapKey", new Object[] {argKey});
    }
    @Override
    public Path.Impl first() {
        return add("first", new Object[] {});
    }
    @Override
    public Path.Impl last() {
        return add("last", new Object[] {});
    }
    @Override
    public Path.Impl nth(Object argIndex) {
        return add("nth", new Object[] {argIndex});
    }
    @Override
    public Path.Impl sublist(Object argStart, Object argEnd) {
        return add("sublist", new Object[] {argStart, argEnd});
    }
    @Override
    public Path.Impl subMap(Object... argKeys) {
        return add("subMap", new Object[] {(Object) keys(argKeys)});
    }
    @Override
    public Path.Impl setElem(Object argElem) {
        return add("setElem", new Object[] {argElem});
    }
    @Override
    public Path.Impl voidSetElem() {
        return add("voidSetElem", new Object[] {});
    }
    @Override
    public Path.Impl afterElem() {
        return add("afterElem", new Object[] {});
    }
    @Override
    public Path.Impl beforeElem() {
        return add("beforeElem", new Object[] {});
    }
    @Override
    public Path.Impl beforeIndex(Object argIndex) {
        return add("beforeIndex", new Object[] {argIndex});
    }
    @Override
    public Path.Impl end() {
        return add("end", new Object[] {});
    }
    @Override
    public Path.Impl beginning() {
        return add("beginning", new Object[] {});
    }
    @Override
    public Path.Impl sortedMapRange(Object argStart, Object argEnd) {
        return add("sortedMapRange", new Object[] {argStart, argEnd});
    }
    @Override
    public Path.Impl sortedMapRange(Object argStart, Object argEnd, SortedRangeOptions options) {
        return add("sortedMapRange", new Object[] {argStart, argEnd, options});
    }
    @Override
    public Path.Impl sortedMapRange(Object argStart, Object argEnd, String optionsVar) {
        return add("sortedMapRange", new Object[] {argStart, argEnd, optionsVar});
    }
    @Override
    public Path.Impl sortedMapRangeFrom(Object argStart) {
        return add("sortedMapRangeFrom", new Object[] {argStart});
    }
    @Override
    public Path.Impl sortedMapRangeFrom(Object argStart, int maxAmt) {
        return add("sortedMapRangeFrom", new Object[] {argStart, (Object) Integer.valueOf(maxAmt(maxAmt))});
    }
    @Override
    public Path.Impl sortedMapRangeFrom(Object argStart, SortedRangeFromOptions options) {
        return add("sortedMapRangeFrom", new Object[] {argStart, options});
    }
    @Override
    public Path.Impl sortedMapRangeFrom(Object argStart, String optionsVar) {
        return add("sortedMapRangeFrom", new Object[] {argStart, optionsVar});
    }
    @Override
    public Path.Impl sortedMapRangeTo(Object argEnd) {
        return add("sortedMapRangeTo", new Object[] {argEnd});
    }
    @Override
    public Path.Impl sortedMapRangeTo(Object argEnd, int maxAmt) {
        return add("sortedMapRangeTo", new Object[] {argEnd, (Object) Integer.valueOf(maxAmt(maxAmt))});
    }
    @Override
    public Path.Impl sortedMapRangeTo(Object argEnd, SortedRangeToOptions options) {
        return add("sortedMapRangeTo", new Object[] {argEnd, options});
    }
    @Override
    public Path.Impl sortedMapRangeTo(Object argEnd, String optionsVar) {
        return add("sortedMapRangeTo", new Object[] {argEnd, optionsVar});
    }
    @Override
    public Path.Impl sortedSetRange(Object argStart, Object argEnd) {
        return add("sortedSetRange", new Object[] {argStart, argEnd});
    }
    @Override
    public Path.Impl sortedSetRange(Object argStart, Object argEnd, SortedRangeOptions options) {
        return add("sortedSetRange", new Object[] {argStart, argEnd, options});
    }
    @Override
    public Path.Impl sortedSetRange(Object argStart, Object argEnd, String optionsVar) {
        return add("sortedSetRange", new Object[] {argStart, argEnd, optionsVar});
    }
    @Override
    public Path.Impl sortedSetRangeFrom(Object argStart) {
        return add("sortedSetRangeFrom", new Object[] {argStart});
    }
    @Override
    public Path.Impl sortedSetRangeFrom(Object argStart, int maxAmt) {
        return add("sortedSetRangeFrom", new Object[] {argStart, (Object) Integer.valueOf(maxAmt(maxAmt))});
    }
    @Override
    public Path.Impl sortedSetRangeFrom(Object argStart, SortedRangeFromOptions options) {
        return add("sortedSetRangeFrom", new Object[] {argStart, options});
    }
    @Override
    public Path.Impl sortedSetRangeFrom(Object argStart, String optionsVar) {
        return add("sortedSetRangeFrom", new Object[] {argStart, optionsVar});
    }
    @Override
    public Path.Impl sortedSetRangeTo(Object argEnd) {
        return add("sortedSetRangeTo", new Object[] {argEnd});
    }
    @Override
    public Path.Impl sortedSetRangeTo(Object argEnd, int maxAmt) {
        return add("sortedSetRangeTo", new Object[] {argEnd, (Object) Integer.valueOf(maxAmt(maxAmt))});
    }
    @Override
    public Path.Impl sortedSetRangeTo(Object argEnd, SortedRangeToOptions options) {
        return add("sortedSetRangeTo", new Object[] {argEnd, options});
    }
    @Override
    public Path.Impl sortedSetRangeTo(Object argEnd, String optionsVar) {
        return add("sortedSetRangeTo", new Object[] {argEnd, optionsVar});
    }
    @Override
    public Path.Impl nullToVal(Object argVal) {
        return add("nullToVal", new Object[] {argVal});
    }
    @Override
    public Path.Impl nullToList() {
        return add("nullToList", new Object[] {});
    }
    @Override
    public Path.Impl nullToSet() {
        return add("nullToSet", new Object[] {});
    }
    @Override
    public <T0, R> Path.Impl term(FloeFunction1<T0, R> fn) {
        return add("term", new Object[] {fn});
    }
    @Override
    public <T0, T1, R> Path.Impl term(FloeFunction2<T0, T1, R> fn, Object arg1) {
        return add("term", new Object[] {fn, arg1});
    }
    @Override
    public <T0, T1, T2, R> Path.Impl term(FloeFunction3<T0, T1, T2, R> fn, Object arg1, Object arg2) {
        return add("term", new Object[] {fn, arg1, arg2});
    }
    @Override
    public <T0, T1, T2, T3, R> Path.Impl term(FloeFunction4<T0, T1, T2, T3, R> fn, Object arg1, Object arg2, Object arg3) {
        return add("term", new Object[] {fn, arg1, arg2, arg3});
    }
    @Override
    public <T0, T1, T2, T3, T4, R> Path.Impl term(FloeFunction5<T0, T1, T2, T3, T4, R> fn, Object arg1, Object arg2, Object arg3, Object arg4) {
        return add("term", new Object[] {fn, arg1, arg2, arg3, arg4});
    }
    @Override
    public <T0, T1, T2, T3, T4, T5, R> Path.Impl term(FloeFunction6<T0, T1, T2, T3, T4, T5, R> fn, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5) {
        return add("term", new Object[] {fn, arg1, arg2, arg3, arg4, arg5});
    }
    @Override
    public <T0, T1, T2, T3, T4, T5, T6, R> Path.Impl term(FloeFunction7<T0, T1, T2, T3, T4, T5, T6, R> fn, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6) {
        return add("term", new Object[] {fn, arg1, arg2, arg3, arg4, arg5, arg6});
    }
    @Override
    public <T0, T1, T2, T3, T4, T5, T6, T7, R> Path.Impl term(FloeFunction8<T0, T1, T2, T3, T4, T5, T6, T7, R> fn, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6, Object arg7) {
        return add("term", new Object[] {fn, arg1, arg2, arg3, arg4, arg5, arg6, arg7});
    }
    @Override
    public Path.Impl termVal(Object argVal) {
        return add("termVal", new Object[] {argVal});
    }
    @Override
    public Path.Impl termVoid() {
        return add("termVoid", new Object[] {});
    }
    @Override
    public Path.Impl multiPath(Path... paths) {
        if (paths == null) {
            throw new IllegalArgumentException("multiPath needs paths, got a null array");
        }
        return add("multiPath", new Object[] {(Object) paths});
    }
    @Override
    public <T0> Path.Impl filterPred(FloeFunction1<T0, Boolean> fn) {
        return add("filterPred", new Object[] {fn});
    }
    @Override
    public <T0, T1> Path.Impl filterPred(FloeFunction2<T0, T1, Boolean> fn, Object arg1) {
        return add("filterPred", new Object[] {fn, arg1});
    }
    @Override
    public <T0, T1, T2> Path.Impl filterPred(FloeFunction3<T0, T1, T2, Boolean> fn, Object arg1, Object arg2) {
        return add("filterPred", new Object[] {fn, arg1, arg2});
    }
    @Override
    public <T0, T1, T2, T3> Path.Impl filterPred(FloeFunction4<T0, T1, T2, T3, Boolean> fn, Object arg1, Object arg2, Object arg3) {
        return add("filterPred", new Object[] {fn, arg1, arg2, arg3});
    }
    @Override
    public <T0, T1, T2, T3, T4> Path.Impl filterPred(FloeFunction5<T0, T1, T2, T3, T4, Boolean> fn, Object arg1, Object arg2, Object arg3, Object arg4) {
        return add("filterPred", new Object[] {fn, arg1, arg2, arg3, arg4});
    }
    @Override
    public <T0, T1, T2, T3, T4, T5> Path.Impl filterPred(FloeFunction6<T0, T1, T2, T3, T4, T5, Boolean> fn, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5) {
        return add("filterPred", new Object[] {fn, arg1, arg2, arg3, arg4, arg5});
    }
    @Override
    public <T0, T1, T2, T3, T4, T5, T6> Path.Impl filterPred(FloeFunction7<T0, T1, T2, T3, T4, T5, T6, Boolean> fn, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6) {
        return add("filterPred", new Object[] {fn, arg1, arg2, arg3, arg4, arg5, arg6});
    }
    @Override
    public <T0, T1, T2, T3, T4, T5, T6, T7> Path.Impl filterPred(FloeFunction8<T0, T1, T2, T3, T4, T5, T6, T7, Boolean> fn, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6, Object arg7) {
        return add("filterPred", new Object[] {fn, arg1, arg2, arg3, arg4, arg5, arg6, arg7});
    }
    @Override
    public Path.Impl filterSelected(Path path) {
        return add("filterSelected", new Object[] {path});
    }
    @Override
    public Path.Impl filterNotSelected(Path path) {
        return add("filterNotSelected", new Object[] {path});
    }
    @Override
    public Path.Impl filterEqual(Object arg) {
        return add("filterEqual", new Object[] {arg});
    }
    @Override
    public Path.Impl filterNotEqual(Object arg) {
        return add("filterNotEqual", new Object[] {arg});
    }
    @Override
    public Path.Impl filterLessThan(Object arg) {
        return add("filterLessThan", new Object[] {arg});
    }
    @Override
    public Path.Impl filterLessThanOrEqual(Object arg) {
        return add("filterLessThanOrEqual", new Object[] {arg});
    }
    @Override
    public Path.Impl filterGreaterThan(Object arg) {
        return add("filterGreaterThan", new Object[] {arg});
    }
    @Override
    public Path.Impl filterGreaterThanOrEqual(Object arg) {
        return add("filterGreaterThanOrEqual", new Object[] {arg});
    }
    @Override
    public <T0, R> Path.Impl view(FloeFunction1<T0, R> fn) {
        return add("view", new Object[] {fn});
    }
    @Override
    public <T0, T1, R> Path.Impl view(FloeFunction2<T0, T1, R> fn, Object arg1) {
        return add("view", new Object[] {fn, arg1});
    }
    @Override
    public <T0, T1, T2, R> Path.Impl view(FloeFunction3<T0, T1, T2, R> fn, Object arg1, Object arg2) {
        return add("view", new Object[] {fn, arg1, arg2});
    }
    @Override
    public <T0, T1, T2, T3, R> Path.Impl view(FloeFunction4<T0, T1, T2, T3, R> fn, Object arg1, Object arg2, Object arg3) {
        return add("view", new Object[] {fn, arg1, arg2, arg3});
    }
    @Override
    public <T0, T1, T2, T3, T4, R> Path.Impl view(FloeFunction5<T0, T1, T2, T3, T4, R> fn, Object arg1, Object arg2, Object arg3, Object arg4) {
        return add("view", new Object[] {fn, arg1, arg2, arg3, arg4});
    }
    @Override
    public <T0, T1, T2, T3, T4, T5, R> Path.Impl view(FloeFunction6<T0, T1, T2, T3, T4, T5, R> fn, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5) {
        return add("view", new Object[] {fn, arg1, arg2, arg3, arg4, arg5});
    }
    @Override
    public <T0, T1, T2, T3, T4, T5, T6, R> Path.Impl view(FloeFunction7<T0, T1, T2, T3, T4, T5, T6, R> fn, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6) {
        return add("view", new Object[] {fn, arg1, arg2, arg3, arg4, arg5, arg6});
    }
    @Override
    public <T0, T1, T2, T3, T4, T5, T6, T7, R> Path.Impl view(FloeFunction8<T0, T1, T2, T3, T4, T5, T6, T7, R> fn, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6, Object arg7) {
        return add("view", new Object[] {fn, arg1, arg2, arg3, arg4, arg5, arg6, arg7});
    }
    @Override
    public Path.Impl transformed(Path path) {
        return add("transformed", new Object[] {path});
    }
    @Override
    public Path.Impl stay() {
        return add("stay", new Object[] {});
    }
    @Override
    public Path.Impl stop() {
        return add("stop", new Object[] {});
    }
    @Override
    public Path.Impl ifPath(Path condPath, Path thenPath) {
        return add("ifPath", new Object[] {condPath, thenPath});
    }
    @Override
    public Path.Impl ifPath(Path condPath, Path thenPath, Path elsePath) {
        return add("ifPath", new Object[] {condPath, thenPath, elsePath});
    }
    @Override
    public Path.Impl subselect(Path path) {
        return add("subselect", new Object[] {path});
    }
    @Override
    public Path.Impl filteredList(Path path) {
        return add("filteredList", new Object[] {path});
    }
    @Override
    public Path.Impl customNav(Navigator<?> nav) {
        return add("customNav", new Object[] {nav});
    }
    @Override
    public Path.Impl customNavBuilder(FloeFunction0<Navigator<?>> builderFunction) {
        return add("customNavBuilder", new Object[] {builderFunction});
    }
    @Override
    public <T0> Path.Impl customNavBuilder(FloeFunction1<T0, Navigator<?>> builderFunction, Object arg0) {
        return add("customNavBuilder", new Object[] {builderFunction, arg0});
    }
    @Override
    public <T0, T1> Path.Impl customNavBuilder(FloeFunction2<T0, T1, Navigator<?>> builderFunction, Object arg0, Object arg1) {
        return add("customNavBuilder", new Object[] {builderFunction, arg0, arg1});
    }
    @Override
    public <T0, T1, T2> Path.Impl customNavBuilder(FloeFunction3<T0, T1, T2, Navigator<?>> builderFunction, Object arg0, Object arg1, Object arg2) {
        return add("customNavBuilder", new Object[] {builderFunction, arg0, arg1, arg2});
    }
    @Override
    public <T0, T1, T2, T3> Path.Impl customNavBuilder(FloeFunction4<T0, T1, T2, T3, Navigator<?>> builderFunction, Object arg0, Object arg1, Object arg2, Object arg3) {
        return add("customNavBuilder", new Object[] {builderFunction, arg0, arg1, arg2, arg3});
    }
    @Override
    public <T0, T1, T2, T3, T4> Path.Impl customNavBuilder(FloeFunction5<T0, T1, T2, T3, T4, Navigator<?>> builderFunction, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4) {
        return add("customNavBuilder", new Object[] {builderFunction, arg0, arg1, arg2, arg3, arg4});
    }
    @Override
    public <T0, T1, T2, T3, T4, T5> Path.Impl customNavBuilder(FloeFunction6<T0, T1, T2, T3, T4, T5, Navigator<?>> builderFunction, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5) {
        return add("customNavBuilder", new Object[] {builderFunction, arg0, arg1, arg2, arg3, arg4, arg5});
    }
    @Override
    public <T0, T1, T2, T3, T4, T5, T6> Path.Impl customNavBuilder(FloeFunction7<T0, T1, T2, T3, T4, T5, T6, Navigator<?>> builderFunction, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6) {
        return add("customNavBuilder", new Object[] {builderFunction, arg0, arg1, arg2, arg3, arg4, arg5, arg6});
    }
    @Override
    public <T0, T1, T2, T3, T4, T5, T6, T7> Path.Impl customNavBuilder(FloeFunction8<T0, T1, T2, T3, T4, T5, T6, T7, Navigator<?>> builderFunction, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6, Object arg7) {
        return add("customNavBuilder", new Object[] {builderFunction, arg0, arg1, arg2, arg3, arg4, arg5, arg6, arg7});
    }
    @Override
    public Path.Impl pathBuilder(FloeFunction0<Path> builderFunction) {
        return add("pathBuilder", new Object[] {builderFunction});
    }
    @Override
    public <T0> Path.Impl pathBuilder(FloeFunction1<T0, Path> builderFunction, Object arg0) {
        return add("pathBuilder", new Object[] {builderFunction, arg0});
    }
    @Override
    public <T0, T1> Path.Impl pathBuilder(FloeFunction2<T0, T1, Path> builderFunction, Object arg0, Object arg1) {
        return add("pathBuilder", new Object[] {builderFunction, arg0, arg1});
    }
    @Override
    public <T0, T1, T2> Path.Impl pathBuilder(FloeFunction3<T0, T1, T2, Path> builderFunction, Object arg0, Object arg1, Object arg2) {
        return add("pathBuilder", new Object[] {builderFunction, arg0, arg1, arg2});
    }
    @Override
    public <T0, T1, T2, T3> Path.Impl pathBuilder(FloeFunction4<T0, T1, T2, T3, Path> builderFunction, Object arg0, Object arg1, Object arg2, Object arg3) {
        return add("pathBuilder", new Object[] {builderFunction, arg0, arg1, arg2, arg3});
    }
    @Override
    public <T0, T1, T2, T3, T4> Path.Impl pathBuilder(FloeFunction5<T0, T1, T2, T3, T4, Path> builderFunction, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4) {
        return add("pathBuilder", new Object[] {builderFunction, arg0, arg1, arg2, arg3, arg4});
    }
    @Override
    public <T0, T1, T2, T3, T4, T5> Path.Impl pathBuilder(FloeFunction6<T0, T1, T2, T3, T4, T5, Path> builderFunction, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5) {
        return add("pathBuilder", new Object[] {builderFunction, arg0, arg1, arg2, arg3, arg4, arg5});
    }
    @Override
    public <T0, T1, T2, T3, T4, T5, T6> Path.Impl pathBuilder(FloeFunction7<T0, T1, T2, T3, T4, T5, T6, Path> builderFunction, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6) {
        return add("pathBuilder", new Object[] {builderFunction, arg0, arg1, arg2, arg3, arg4, arg5, arg6});
    }
    @Override
    public <T0, T1, T2, T3, T4, T5, T6, T7> Path.Impl pathBuilder(FloeFunction8<T0, T1, T2, T3, T4, T5, T6, T7, Path> builderFunction, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6, Object arg7) {
        return add("pathBuilder", new Object[] {builderFunction, arg0, arg1, arg2, arg3, arg4, arg5, arg6, arg7});
    }
    @Override
    public Path.Impl collect(Path path) {
        return add("collect", new Object[] {path});
    }
    @Override
    public Path.Impl collectOne(Path path) {
        return add("collectOne", new Object[] {path});
    }
    @Override
    public Path.Impl putCollected(Object argVal) {
        return add("putCollected", new Object[] {argVal});
    }
    @Override
    public Path.Impl isCollected(FloeFunction0<Boolean> fn) {
        return add("isCollected", new Object[] {fn});
    }
    @Override
    public <T0> Path.Impl isCollected(FloeFunction1<T0, Boolean> fn) {
        return add("isCollected", new Object[] {fn});
    }
    @Override
    public <T0, T1> Path.Impl isCollected(FloeFunction2<T0, T1, Boolean> fn) {
        return add("isCollected", new Object[] {fn});
    }
    @Override
    public <T0, T1, T2> Path.Impl isCollected(FloeFunction3<T0, T1, T2, Boolean> fn) {
        return add("isCollected", new Object[] {fn});
    }
    @Override
    public <T0, T1, T2, T3> Path.Impl isCollected(FloeFunction4<T0, T1, T2, T3, Boolean> fn) {
        return add("isCollected", new Object[] {fn});
    }
    @Override
    public <T0, T1, T2, T3, T4> Path.Impl isCollected(FloeFunction5<T0, T1, T2, T3, T4, Boolean> fn) {
        return add("isCollected", new Object[] {fn});
    }
    @Override
    public <T0, T1, T2, T3, T4, T5> Path.Impl isCollected(FloeFunction6<T0, T1, T2, T3, T4, T5, Boolean> fn) {
        return add("isCollected", new Object[] {fn});
    }
    @Override
    public <T0, T1, T2, T3, T4, T5, T6> Path.Impl isCollected(FloeFunction7<T0, T1, T2, T3, T4, T5, T6, Boolean> fn) {
        return add("isCollected", new Object[] {fn});
    }
    @Override
    public <T0, T1, T2, T3, T4, T5, T6, T7> Path.Impl isCollected(FloeFunction8<T0, T1, T2, T3, T4, T5, T6, T7, Boolean> fn) {
        return add("isCollected", new Object[] {fn});
    }
    @Override
    public Path.Impl dispenseCollected() {
        return add("dispenseCollected", new Object[] {});
    }
}
