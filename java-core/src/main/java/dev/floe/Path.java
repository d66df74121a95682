package dev.floe;

import dev.floe.ops.FloeFunction0;
import dev.floe.ops.FloeFunction1;
import dev.floe.ops.FloeFunction2;
import dev.floe.ops.FloeFunction3;
import dev.floe.ops.FloeFunction4;
import dev.floe.ops.FloeFunction5;
import dev.floe.ops.FloeFunction6;
import dev.floe.ops.FloeFunction7;
import dev.floe.ops.FloeFunction8;
import dev.floe.path.PathImpl;

/**
 * A path: a sequence of navigators that reads and writes nested data (PStates, values in
 * dataflow, plain Java and Clojure collections). Every navigator exists as a static method that
 * starts a path and as a method of {@link Impl} that extends one:
 * {@code Path.key("alice").key("followers").view(Ops.SIZE)}.
 *
 * <p>Any parameter named {@code arg…} may be a literal, a dataflow variable ({@code "*x"},
 * {@code "$$p"}) or an {@code Expr}; variables are bound when the path runs, and the path is
 * compiled once. Transform paths end in {@code term}, {@code termVal} or {@code termVoid}.
 * Paths are immutable values: each method returns a new path, and paths compare with
 * {@code equals} and print readably.
 */
public interface Path extends FloeSerializable {
    /** An empty path (navigates to the value itself). */
    static Impl create() {
        return PathImpl.EMPTY;
    }

    /** Navigates to the value under each key in turn (null when absent; a transform creates it). Client selects route by the first key. */
    static Impl key(Object... argKeys) {
        return create().key(argKeys);
    }
    /** Like {@link #key}, but navigates nowhere when a key is absent. */
    static Impl must(Object... argKeys) {
        return create().must(argKeys);
    }
    /** Navigates to every element of a list or set, and to every entry of a map as a 2-element list {@code [k, v]}. Transforming an element to void removes it. */
    static Impl all() {
        return create().all();
    }
    /** Navigates to every value of a map. */
    static Impl mapVals() {
        return create().mapVals();
    }
    /** Navigates to every key of a map; transforming renames keys. */
    static Impl mapKeys() {
        return create().mapKeys();
    }
    /** Navigates to a key itself, when present; transforming renames the key. */
    static Impl mapKey(Object argKey) {
        return create().mapKey(argKey);
    }
    /** Navigates to the first element of a sequence (nowhere when empty). */
    static Impl first() {
        return create().first();
    }
    /** Navigates to the last element of a sequence (nowhere when empty). */
    static Impl last() {
        return create().last();
    }
    /** Navigates to the element at an index of a sequence. */
    static Impl nth(Object argIndex) {
        return create().nth(argIndex);
    }
    /** Navigates to the sub-list {@code [start, end)}; transforms splice the result back. */
    static Impl sublist(Object argStart, Object argEnd) {
        return create().sublist(argStart, argEnd);
    }
    /** Navigates to the sub-map of the given keys (missing keys omitted); transforms merge the result back. */
    static Impl subMap(Object... argKeys) {
        return create().subMap(argKeys);
    }
    /** Navigates to an element of a set, when present; {@code termVoid} removes it. */
    static Impl setElem(Object argElem) {
        return create().setElem(argElem);
    }
    /** Navigates to the void element of a set; {@code termVal(x)} adds x (a null set is treated as empty). */
    static Impl voidSetElem() {
        return create().voidSetElem();
    }
    /** Navigates to the void element after the end of a list; {@code termVal(x)} appends x. */
    static Impl afterElem() {
        return create().afterElem();
    }
    /** Navigates to the void element before the start of a list; {@code termVal(x)} prepends x. */
    static Impl beforeElem() {
        return create().beforeElem();
    }
    /** Navigates to the void element before an index of a list; {@code termVal(x)} inserts x. */
    static Impl beforeIndex(Object argIndex) {
        return create().beforeIndex(argIndex);
    }
    /** Navigates to the empty sub-list at the end; {@code termVal(list)} appends its elements. */
    static Impl end() {
        return create().end();
    }
    /** Navigates to the empty sub-list at the start; {@code termVal(list)} prepends its elements. */
    static Impl beginning() {
        return create().beginning();
    }
    /** Navigates to the sorted sub-map {@code [start, end)}. */
    static Impl sortedMapRange(Object argStart, Object argEnd) {
        return create().sortedMapRange(argStart, argEnd);
    }
    /** Navigates to the sorted sub-map from start to end, with bounds set by the options. */
    static Impl sortedMapRange(Object argStart, Object argEnd, SortedRangeOptions options) {
        return create().sortedMapRange(argStart, argEnd, options);
    }
    /** Like the options overload, with the options held by a dataflow variable. */
    static Impl sortedMapRange(Object argStart, Object argEnd, String optionsVar) {
        return create().sortedMapRange(argStart, argEnd, optionsVar);
    }
    /** Navigates to the sorted sub-map from start (inclusive) to the end. */
    static Impl sortedMapRangeFrom(Object argStart) {
        return create().sortedMapRangeFrom(argStart);
    }
    /** Navigates to at most {@code maxAmt} elements of the sorted sub-map from start (inclusive). */
    static Impl sortedMapRangeFrom(Object argStart, int maxAmt) {
        return create().sortedMapRangeFrom(argStart, maxAmt);
    }
    /** Navigates to the sorted sub-map from start, with the options' start bound and maximum amount. */
    static Impl sortedMapRangeFrom(Object argStart, SortedRangeFromOptions options) {
        return create().sortedMapRangeFrom(argStart, options);
    }
    /** Like the options overload, with the options held by a dataflow variable. */
    static Impl sortedMapRangeFrom(Object argStart, String optionsVar) {
        return create().sortedMapRangeFrom(argStart, optionsVar);
    }
    /** Navigates to the sorted sub-map from the beginning to end (exclusive). */
    static Impl sortedMapRangeTo(Object argEnd) {
        return create().sortedMapRangeTo(argEnd);
    }
    /** Navigates to the last {@code maxAmt} elements before end (exclusive), in ascending order. */
    static Impl sortedMapRangeTo(Object argEnd, int maxAmt) {
        return create().sortedMapRangeTo(argEnd, maxAmt);
    }
    /** Navigates to the sorted sub-map up to end, with the options' end bound and maximum amount (the last elements before end). */
    static Impl sortedMapRangeTo(Object argEnd, SortedRangeToOptions options) {
        return create().sortedMapRangeTo(argEnd, options);
    }
    /** Like the options overload, with the options held by a dataflow variable. */
    static Impl sortedMapRangeTo(Object argEnd, String optionsVar) {
        return create().sortedMapRangeTo(argEnd, optionsVar);
    }
    /** Navigates to the sorted sub-set {@code [start, end)}. */
    static Impl sortedSetRange(Object argStart, Object argEnd) {
        return create().sortedSetRange(argStart, argEnd);
    }
    /** Navigates to the sorted sub-set from start to end, with bounds set by the options. */
    static Impl sortedSetRange(Object argStart, Object argEnd, SortedRangeOptions options) {
        return create().sortedSetRange(argStart, argEnd, options);
    }
    /** Like the options overload, with the options held by a dataflow variable. */
    static Impl sortedSetRange(Object argStart, Object argEnd, String optionsVar) {
        return create().sortedSetRange(argStart, argEnd, optionsVar);
    }
    /** Navigates to the sorted sub-set from start (inclusive) to the end. */
    static Impl sortedSetRangeFrom(Object argStart) {
        return create().sortedSetRangeFrom(argStart);
    }
    /** Navigates to at most {@code maxAmt} elements of the sorted sub-set from start (inclusive). */
    static Impl sortedSetRangeFrom(Object argStart, int maxAmt) {
        return create().sortedSetRangeFrom(argStart, maxAmt);
    }
    /** Navigates to the sorted sub-set from start, with the options' start bound and maximum amount. */
    static Impl sortedSetRangeFrom(Object argStart, SortedRangeFromOptions options) {
        return create().sortedSetRangeFrom(argStart, options);
    }
    /** Like the options overload, with the options held by a dataflow variable. */
    static Impl sortedSetRangeFrom(Object argStart, String optionsVar) {
        return create().sortedSetRangeFrom(argStart, optionsVar);
    }
    /** Navigates to the sorted sub-set from the beginning to end (exclusive). */
    static Impl sortedSetRangeTo(Object argEnd) {
        return create().sortedSetRangeTo(argEnd);
    }
    /** Navigates to the last {@code maxAmt} elements before end (exclusive), in ascending order. */
    static Impl sortedSetRangeTo(Object argEnd, int maxAmt) {
        return create().sortedSetRangeTo(argEnd, maxAmt);
    }
    /** Navigates to the sorted sub-set up to end, with the options' end bound and maximum amount (the last elements before end). */
    static Impl sortedSetRangeTo(Object argEnd, SortedRangeToOptions options) {
        return create().sortedSetRangeTo(argEnd, options);
    }
    /** Like the options overload, with the options held by a dataflow variable. */
    static Impl sortedSetRangeTo(Object argEnd, String optionsVar) {
        return create().sortedSetRangeTo(argEnd, optionsVar);
    }
    /** Navigates to the given value when the current value is null. */
    static Impl nullToVal(Object argVal) {
        return create().nullToVal(argVal);
    }
    /** Navigates to an empty list when the current value is null. */
    static Impl nullToList() {
        return create().nullToList();
    }
    /** Navigates to an empty set when the current value is null. */
    static Impl nullToSet() {
        return create().nullToSet();
    }
    /** Transform terminal: replaces the value with {@code fn(value, args…)}. */
    static <T0, R> Impl term(FloeFunction1<T0, R> fn) {
        return create().term(fn);
    }
    /** Transform terminal: replaces the value with {@code fn(value, args…)}. */
    static <T0, T1, R> Impl term(FloeFunction2<T0, T1, R> fn, Object arg1) {
        return create().term(fn, arg1);
    }
    /** Transform terminal: replaces the value with {@code fn(value, args…)}. */
    static <T0, T1, T2, R> Impl term(FloeFunction3<T0, T1, T2, R> fn, Object arg1, Object arg2) {
        return create().term(fn, arg1, arg2);
    }
    /** Transform terminal: replaces the value with {@code fn(value, args…)}. */
    static <T0, T1, T2, T3, R> Impl term(FloeFunction4<T0, T1, T2, T3, R> fn, Object arg1, Object arg2, Object arg3) {
        return create().term(fn, arg1, arg2, arg3);
    }
    /** Transform terminal: replaces the value with {@code fn(value, args…)}. */
    static <T0, T1, T2, T3, T4, R> Impl term(FloeFunction5<T0, T1, T2, T3, T4, R> fn, Object arg1, Object arg2, Object arg3, Object arg4) {
        return create().term(fn, arg1, arg2, arg3, arg4);
    }
    /** Transform terminal: replaces the value with {@code fn(value, args…)}. */
    static <T0, T1, T2, T3, T4, T5, R> Impl term(FloeFunction6<T0, T1, T2, T3, T4, T5, R> fn, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5) {
        return create().term(fn, arg1, arg2, arg3, arg4, arg5);
    }
    /** Transform terminal: replaces the value with {@code fn(value, args…)}. */
    static <T0, T1, T2, T3, T4, T5, T6, R> Impl term(FloeFunction7<T0, T1, T2, T3, T4, T5, T6, R> fn, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6) {
        return create().term(fn, arg1, arg2, arg3, arg4, arg5, arg6);
    }
    /** Transform terminal: replaces the value with {@code fn(value, args…)}. */
    static <T0, T1, T2, T3, T4, T5, T6, T7, R> Impl term(FloeFunction8<T0, T1, T2, T3, T4, T5, T6, T7, R> fn, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6, Object arg7) {
        return create().term(fn, arg1, arg2, arg3, arg4, arg5, arg6, arg7);
    }
    /** Transform terminal: replaces the value with a constant (or a variable's value). */
    static Impl termVal(Object argVal) {
        return create().termVal(argVal);
    }
    /** Transform terminal: removes the navigated element. */
    static Impl termVoid() {
        return create().termVoid();
    }
    /** Navigates every path from the current point: selects concatenate, transforms apply in order. */
    static Impl multiPath(Path... paths) {
        return create().multiPath(paths);
    }
    /** Continues only when {@code fn(value, args…)} is truthy. */
    static <T0> Impl filterPred(FloeFunction1<T0, Boolean> fn) {
        return create().filterPred(fn);
    }
    /** Continues only when {@code fn(value, args…)} is truthy. */
    static <T0, T1> Impl filterPred(FloeFunction2<T0, T1, Boolean> fn, Object arg1) {
        return create().filterPred(fn, arg1);
    }
    /** Continues only when {@code fn(value, args…)} is truthy. */
    static <T0, T1, T2> Impl filterPred(FloeFunction3<T0, T1, T2, Boolean> fn, Object arg1, Object arg2) {
        return create().filterPred(fn, arg1, arg2);
    }
    /** Continues only when {@code fn(value, args…)} is truthy. */
    static <T0, T1, T2, T3> Impl filterPred(FloeFunction4<T0, T1, T2, T3, Boolean> fn, Object arg1, Object arg2, Object arg3) {
        return create().filterPred(fn, arg1, arg2, arg3);
    }
    /** Continues only when {@code fn(value, args…)} is truthy. */
    static <T0, T1, T2, T3, T4> Impl filterPred(FloeFunction5<T0, T1, T2, T3, T4, Boolean> fn, Object arg1, Object arg2, Object arg3, Object arg4) {
        return create().filterPred(fn, arg1, arg2, arg3, arg4);
    }
    /** Continues only when {@code fn(value, args…)} is truthy. */
    static <T0, T1, T2, T3, T4, T5> Impl filterPred(FloeFunction6<T0, T1, T2, T3, T4, T5, Boolean> fn, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5) {
        return create().filterPred(fn, arg1, arg2, arg3, arg4, arg5);
    }
    /** Continues only when {@code fn(value, args…)} is truthy. */
    static <T0, T1, T2, T3, T4, T5, T6> Impl filterPred(FloeFunction7<T0, T1, T2, T3, T4, T5, T6, Boolean> fn, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6) {
        return create().filterPred(fn, arg1, arg2, arg3, arg4, arg5, arg6);
    }
    /** Continues only when {@code fn(value, args…)} is truthy. */
    static <T0, T1, T2, T3, T4, T5, T6, T7> Impl filterPred(FloeFunction8<T0, T1, T2, T3, T4, T5, T6, T7, Boolean> fn, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6, Object arg7) {
        return create().filterPred(fn, arg1, arg2, arg3, arg4, arg5, arg6, arg7);
    }
    /** Continues only when the path selects something from the current value. */
    static Impl filterSelected(Path path) {
        return create().filterSelected(path);
    }
    /** Continues only when the path selects nothing from the current value. */
    static Impl filterNotSelected(Path path) {
        return create().filterNotSelected(path);
    }
    /** Continues only when the current value equals the argument. */
    static Impl filterEqual(Object arg) {
        return create().filterEqual(arg);
    }
    /** Continues only when the current value does not equal the argument. */
    static Impl filterNotEqual(Object arg) {
        return create().filterNotEqual(arg);
    }
    /** Continues only when the current value is less than the argument. */
    static Impl filterLessThan(Object arg) {
        return create().filterLessThan(arg);
    }
    /** Continues only when the current value is at most the argument. */
    static Impl filterLessThanOrEqual(Object arg) {
        return create().filterLessThanOrEqual(arg);
    }
    /** Continues only when the current value is greater than the argument. */
    static Impl filterGreaterThan(Object arg) {
        return create().filterGreaterThan(arg);
    }
    /** Continues only when the current value is at least the argument. */
    static Impl filterGreaterThanOrEqual(Object arg) {
        return create().filterGreaterThanOrEqual(arg);
    }
    /** Navigates to {@code fn(value, args…)}; a transform replaces the value with the result of the rest of the path. */
    static <T0, R> Impl view(FloeFunction1<T0, R> fn) {
        return create().view(fn);
    }
    /** Navigates to {@code fn(value, args…)}; a transform replaces the value with the result of the rest of the path. */
    static <T0, T1, R> Impl view(FloeFunction2<T0, T1, R> fn, Object arg1) {
        return create().view(fn, arg1);
    }
    /** Navigates to {@code fn(value, args…)}; a transform replaces the value with the result of the rest of the path. */
    static <T0, T1, T2, R> Impl view(FloeFunction3<T0, T1, T2, R> fn, Object arg1, Object arg2) {
        return create().view(fn, arg1, arg2);
    }
    /** Navigates to {@code fn(value, args…)}; a transform replaces the value with the result of the rest of the path. */
    static <T0, T1, T2, T3, R> Impl view(FloeFunction4<T0, T1, T2, T3, R> fn, Object arg1, Object arg2, Object arg3) {
        return create().view(fn, arg1, arg2, arg3);
    }
    /** Navigates to {@code fn(value, args…)}; a transform replaces the value with the result of the rest of the path. */
    static <T0, T1, T2, T3, T4, R> Impl view(FloeFunction5<T0, T1, T2, T3, T4, R> fn, Object arg1, Object arg2, Object arg3, Object arg4) {
        return create().view(fn, arg1, arg2, arg3, arg4);
    }
    /** Navigates to {@code fn(value, args…)}; a transform replaces the value with the result of the rest of the path. */
    static <T0, T1, T2, T3, T4, T5, R> Impl view(FloeFunction6<T0, T1, T2, T3, T4, T5, R> fn, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5) {
        return create().view(fn, arg1, arg2, arg3, arg4, arg5);
    }
    /** Navigates to {@code fn(value, args…)}; a transform replaces the value with the result of the rest of the path. */
    static <T0, T1, T2, T3, T4, T5, T6, R> Impl view(FloeFunction7<T0, T1, T2, T3, T4, T5, T6, R> fn, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6) {
        return create().view(fn, arg1, arg2, arg3, arg4, arg5, arg6);
    }
    /** Navigates to {@code fn(value, args…)}; a transform replaces the value with the result of the rest of the path. */
    static <T0, T1, T2, T3, T4, T5, T6, T7, R> Impl view(FloeFunction8<T0, T1, T2, T3, T4, T5, T6, T7, R> fn, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6, Object arg7) {
        return create().view(fn, arg1, arg2, arg3, arg4, arg5, arg6, arg7);
    }
    /** Navigates to the value as transformed by a transform path (ending in term, termVal or termVoid), without writing. */
    static Impl transformed(Path path) {
        return create().transformed(path);
    }
    /** Stays at the current value. */
    static Impl stay() {
        return create().stay();
    }
    /** Navigates nowhere. */
    static Impl stop() {
        return create().stop();
    }
    /** Navigates with thenPath when condPath selects something, else nowhere. */
    static Impl ifPath(Path condPath, Path thenPath) {
        return create().ifPath(condPath, thenPath);
    }
    /** Navigates with thenPath when condPath selects something, else with elsePath. */
    static Impl ifPath(Path condPath, Path thenPath, Path elsePath) {
        return create().ifPath(condPath, thenPath, elsePath);
    }
    /** Navigates to the list of everything the path selects; a transform writes the list back in order. */
    static Impl subselect(Path path) {
        return create().subselect(path);
    }
    /** Navigates to the sub-list of elements for which the path selects something; a transform writes back in place. */
    static Impl filteredList(Path path) {
        return create().filteredList(path);
    }
    /** Adds a custom navigator. */
    static Impl customNav(Navigator<?> nav) {
        return create().customNav(nav);
    }
    /** Adds a navigator built at run time by the function from the arguments (which may be variables). */
    static Impl customNavBuilder(FloeFunction0<Navigator<?>> builderFunction) {
        return create().customNavBuilder(builderFunction);
    }
    /** Adds a navigator built at run time by the function from the arguments (which may be variables). */
    static <T0> Impl customNavBuilder(FloeFunction1<T0, Navigator<?>> builderFunction, Object arg0) {
        return create().customNavBuilder(builderFunction, arg0);
    }
    /** Adds a navigator built at run time by the function from the arguments (which may be variables). */
    static <T0, T1> Impl customNavBuilder(FloeFunction2<T0, T1, Navigator<?>> builderFunction, Object arg0, Object arg1) {
        return create().customNavBuilder(builderFunction, arg0, arg1);
    }
    /** Adds a navigator built at run time by the function from the arguments (which may be variables). */
    static <T0, T1, T2> Impl customNavBuilder(FloeFunction3<T0, T1, T2, Navigator<?>> builderFunction, Object arg0, Object arg1, Object arg2) {
        return create().customNavBuilder(builderFunction, arg0, arg1, arg2);
    }
    /** Adds a navigator built at run time by the function from the arguments (which may be variables). */
    static <T0, T1, T2, T3> Impl customNavBuilder(FloeFunction4<T0, T1, T2, T3, Navigator<?>> builderFunction, Object arg0, Object arg1, Object arg2, Object arg3) {
        return create().customNavBuilder(builderFunction, arg0, arg1, arg2, arg3);
    }
    /** Adds a navigator built at run time by the function from the arguments (which may be variables). */
    static <T0, T1, T2, T3, T4> Impl customNavBuilder(FloeFunction5<T0, T1, T2, T3, T4, Navigator<?>> builderFunction, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4) {
        return create().customNavBuilder(builderFunction, arg0, arg1, arg2, arg3, arg4);
    }
    /** Adds a navigator built at run time by the function from the arguments (which may be variables). */
    static <T0, T1, T2, T3, T4, T5> Impl customNavBuilder(FloeFunction6<T0, T1, T2, T3, T4, T5, Navigator<?>> builderFunction, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5) {
        return create().customNavBuilder(builderFunction, arg0, arg1, arg2, arg3, arg4, arg5);
    }
    /** Adds a navigator built at run time by the function from the arguments (which may be variables). */
    static <T0, T1, T2, T3, T4, T5, T6> Impl customNavBuilder(FloeFunction7<T0, T1, T2, T3, T4, T5, T6, Navigator<?>> builderFunction, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6) {
        return create().customNavBuilder(builderFunction, arg0, arg1, arg2, arg3, arg4, arg5, arg6);
    }
    /** Adds a navigator built at run time by the function from the arguments (which may be variables). */
    static <T0, T1, T2, T3, T4, T5, T6, T7> Impl customNavBuilder(FloeFunction8<T0, T1, T2, T3, T4, T5, T6, T7, Navigator<?>> builderFunction, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6, Object arg7) {
        return create().customNavBuilder(builderFunction, arg0, arg1, arg2, arg3, arg4, arg5, arg6, arg7);
    }
    /** Adds a sub-path built at run time by the function from the arguments (which may be variables). */
    static Impl pathBuilder(FloeFunction0<Path> builderFunction) {
        return create().pathBuilder(builderFunction);
    }
    /** Adds a sub-path built at run time by the function from the arguments (which may be variables). */
    static <T0> Impl pathBuilder(FloeFunction1<T0, Path> builderFunction, Object arg0) {
        return create().pathBuilder(builderFunction, arg0);
    }
    /** Adds a sub-path built at run time by the function from the arguments (which may be variables). */
    static <T0, T1> Impl pathBuilder(FloeFunction2<T0, T1, Path> builderFunction, Object arg0, Object arg1) {
        return create().pathBuilder(builderFunction, arg0, arg1);
    }
    /** Adds a sub-path built at run time by the function from the arguments (which may be variables). */
    static <T0, T1, T2> Impl pathBuilder(FloeFunction3<T0, T1, T2, Path> builderFunction, Object arg0, Object arg1, Object arg2) {
        return create().pathBuilder(builderFunction, arg0, arg1, arg2);
    }
    /** Adds a sub-path built at run time by the function from the arguments (which may be variables). */
    static <T0, T1, T2, T3> Impl pathBuilder(FloeFunction4<T0, T1, T2, T3, Path> builderFunction, Object arg0, Object arg1, Object arg2, Object arg3) {
        return create().pathBuilder(builderFunction, arg0, arg1, arg2, arg3);
    }
    /** Adds a sub-path built at run time by the function from the arguments (which may be variables). */
    static <T0, T1, T2, T3, T4> Impl pathBuilder(FloeFunction5<T0, T1, T2, T3, T4, Path> builderFunction, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4) {
        return create().pathBuilder(builderFunction, arg0, arg1, arg2, arg3, arg4);
    }
    /** Adds a sub-path built at run time by the function from the arguments (which may be variables). */
    static <T0, T1, T2, T3, T4, T5> Impl pathBuilder(FloeFunction6<T0, T1, T2, T3, T4, T5, Path> builderFunction, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5) {
        return create().pathBuilder(builderFunction, arg0, arg1, arg2, arg3, arg4, arg5);
    }
    /** Adds a sub-path built at run time by the function from the arguments (which may be variables). */
    static <T0, T1, T2, T3, T4, T5, T6> Impl pathBuilder(FloeFunction7<T0, T1, T2, T3, T4, T5, T6, Path> builderFunction, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6) {
        return create().pathBuilder(builderFunction, arg0, arg1, arg2, arg3, arg4, arg5, arg6);
    }
    /** Adds a sub-path built at run time by the function from the arguments (which may be variables). */
    static <T0, T1, T2, T3, T4, T5, T6, T7> Impl pathBuilder(FloeFunction8<T0, T1, T2, T3, T4, T5, T6, T7, Path> builderFunction, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6, Object arg7) {
        return create().pathBuilder(builderFunction, arg0, arg1, arg2, arg3, arg4, arg5, arg6, arg7);
    }
    /** Collects the list of everything the path selects from the current value. */
    static Impl collect(Path path) {
        return create().collect(path);
    }
    /** Collects the single value the path selects from the current value. */
    static Impl collectOne(Path path) {
        return create().collectOne(path);
    }
    /** Collects a value (a constant or a variable's value). */
    static Impl putCollected(Object argVal) {
        return create().putCollected(argVal);
    }
    /** Continues only when the function, applied to the collected values, is truthy. */
    static Impl isCollected(FloeFunction0<Boolean> fn) {
        return create().isCollected(fn);
    }
    /** Continues only when the function, applied to the collected values, is truthy. */
    static <T0> Impl isCollected(FloeFunction1<T0, Boolean> fn) {
        return create().isCollected(fn);
    }
    /** Continues only when the function, applied to the collected values, is truthy. */
    static <T0, T1> Impl isCollected(FloeFunction2<T0, T1, Boolean> fn) {
        return create().isCollected(fn);
    }
    /** Continues only when the function, applied to the collected values, is truthy. */
    static <T0, T1, T2> Impl isCollected(FloeFunction3<T0, T1, T2, Boolean> fn) {
        return create().isCollected(fn);
    }
    /** Continues only when the function, applied to the collected values, is truthy. */
    static <T0, T1, T2, T3> Impl isCollected(FloeFunction4<T0, T1, T2, T3, Boolean> fn) {
        return create().isCollected(fn);
    }
    /** Continues only when the function, applied to the collected values, is truthy. */
    static <T0, T1, T2, T3, T4> Impl isCollected(FloeFunction5<T0, T1, T2, T3, T4, Boolean> fn) {
        return create().isCollected(fn);
    }
    /** Continues only when the function, applied to the collected values, is truthy. */
    static <T0, T1, T2, T3, T4, T5> Impl isCollected(FloeFunction6<T0, T1, T2, T3, T4, T5, Boolean> fn) {
        return create().isCollected(fn);
    }
    /** Continues only when the function, applied to the collected values, is truthy. */
    static <T0, T1, T2, T3, T4, T5, T6> Impl isCollected(FloeFunction7<T0, T1, T2, T3, T4, T5, T6, Boolean> fn) {
        return create().isCollected(fn);
    }
    /** Continues only when the function, applied to the collected values, is truthy. */
    static <T0, T1, T2, T3, T4, T5, T6, T7> Impl isCollected(FloeFunction8<T0, T1, T2, T3, T4, T5, T6, T7, Boolean> fn) {
        return create().isCollected(fn);
    }
    /** Drops every collected value. */
    static Impl dispenseCollected() {
        return create().dispenseCollected();
    }

    /** The chaining form of every navigator: each method returns a new, longer path. */
    interface Impl extends Path {
        /** Navigates to the value under each key in turn (null when absent; a transform creates it). Client selects route by the first key. */
        Impl key(Object... argKeys);
        /** Like {@link #key}, but navigates nowhere when a key is absent. */
        Impl must(Object... argKeys);
        /** Navigates to every element of a list or set, and to every entry of a map as a 2-element list {@code [k, v]}. Transforming an element to void removes it. */
        Impl all();
        /** Navigates to every value of a map. */
        Impl mapVals();
        /** Navigates to every key of a map; transforming renames keys. */
        Impl mapKeys();
        /** Navigates to a key itself, when present; transforming renames the key. */
        Impl mapKey(Object argKey);
        /** Navigates to the first element of a sequence (nowhere when empty). */
        Impl first();
        /** Navigates to the last element of a sequence (nowhere when empty). */
        Impl last();
        /** Navigates to the element at an index of a sequence. */
        Impl nth(Object argIndex);
        /** Navigates to the sub-list {@code [start, end)}; transforms splice the result back. */
        Impl sublist(Object argStart, Object argEnd);
        /** Navigates to the sub-map of the given keys (missing keys omitted); transforms merge the result back. */
        Impl subMap(Object... argKeys);
        /** Navigates to an element of a set, when present; {@code termVoid} removes it. */
        Impl setElem(Object argElem);
        /** Navigates to the void element of a set; {@code termVal(x)} adds x (a null set is treated as empty). */
        Impl voidSetElem();
        /** Navigates to the void element after the end of a list; {@code termVal(x)} appends x. */
        Impl afterElem();
        /** Navigates to the void element before the start of a list; {@code termVal(x)} prepends x. */
        Impl beforeElem();
        /** Navigates to the void element before an index of a list; {@code termVal(x)} inserts x. */
        Impl beforeIndex(Object argIndex);
        /** Navigates to the empty sub-list at the end; {@code termVal(list)} appends its elements. */
        Impl end();
        /** Navigates to the empty sub-list at the start; {@code termVal(list)} prepends its elements. */
        Impl beginning();
        /** Navigates to the sorted sub-map {@code [start, end)}. */
        Impl sortedMapRange(Object argStart, Object argEnd);
        /** Navigates to the sorted sub-map from start to end, with bounds set by the options. */
        Impl sortedMapRange(Object argStart, Object argEnd, SortedRangeOptions options);
        /** Like the options overload, with the options held by a dataflow variable. */
        Impl sortedMapRange(Object argStart, Object argEnd, String optionsVar);
        /** Navigates to the sorted sub-map from start (inclusive) to the end. */
        Impl sortedMapRangeFrom(Object argStart);
        /** Navigates to at most {@code maxAmt} elements of the sorted sub-map from start (inclusive). */
        Impl sortedMapRangeFrom(Object argStart, int maxAmt);
        /** Navigates to the sorted sub-map from start, with the options' start bound and maximum amount. */
        Impl sortedMapRangeFrom(Object argStart, SortedRangeFromOptions options);
        /** Like the options overload, with the options held by a dataflow variable. */
        Impl sortedMapRangeFrom(Object argStart, String optionsVar);
        /** Navigates to the sorted sub-map from the beginning to end (exclusive). */
        Impl sortedMapRangeTo(Object argEnd);
        /** Navigates to the last {@code maxAmt} elements before end (exclusive), in ascending order. */
        Impl sortedMapRangeTo(Object argEnd, int maxAmt);
        /** Navigates to the sorted sub-map up to end, with the options' end bound and maximum amount (the last elements before end). */
        Impl sortedMapRangeTo(Object argEnd, SortedRangeToOptions options);
        /** Like the options overload, with the options held by a dataflow variable. */
        Impl sortedMapRangeTo(Object argEnd, String optionsVar);
        /** Navigates to the sorted sub-set {@code [start, end)}. */
        Impl sortedSetRange(Object argStart, Object argEnd);
        /** Navigates to the sorted sub-set from start to end, with bounds set by the options. */
        Impl sortedSetRange(Object argStart, Object argEnd, SortedRangeOptions options);
        /** Like the options overload, with the options held by a dataflow variable. */
        Impl sortedSetRange(Object argStart, Object argEnd, String optionsVar);
        /** Navigates to the sorted sub-set from start (inclusive) to the end. */
        Impl sortedSetRangeFrom(Object argStart);
        /** Navigates to at most {@code maxAmt} elements of the sorted sub-set from start (inclusive). */
        Impl sortedSetRangeFrom(Object argStart, int maxAmt);
        /** Navigates to the sorted sub-set from start, with the options' start bound and maximum amount. */
        Impl sortedSetRangeFrom(Object argStart, SortedRangeFromOptions options);
        /** Like the options overload, with the options held by a dataflow variable. */
        Impl sortedSetRangeFrom(Object argStart, String optionsVar);
        /** Navigates to the sorted sub-set from the beginning to end (exclusive). */
        Impl sortedSetRangeTo(Object argEnd);
        /** Navigates to the last {@code maxAmt} elements before end (exclusive), in ascending order. */
        Impl sortedSetRangeTo(Object argEnd, int maxAmt);
        /** Navigates to the sorted sub-set up to end, with the options' end bound and maximum amount (the last elements before end). */
        Impl sortedSetRangeTo(Object argEnd, SortedRangeToOptions options);
        /** Like the options overload, with the options held by a dataflow variable. */
        Impl sortedSetRangeTo(Object argEnd, String optionsVar);
        /** Navigates to the given value when the current value is null. */
        Impl nullToVal(Object argVal);
        /** Navigates to an empty list when the current value is null. */
        Impl nullToList();
        /** Navigates to an empty set when the current value is null. */
        Impl nullToSet();
        /** Transform terminal: replaces the value with {@code fn(value, args…)}. */
        <T0, R> Impl term(FloeFunction1<T0, R> fn);
        /** Transform terminal: replaces the value with {@code fn(value, args…)}. */
        <T0, T1, R> Impl term(FloeFunction2<T0, T1, R> fn, Object arg1);
        /** Transform terminal: replaces the value with {@code fn(value, args…)}. */
        <T0, T1, T2, R> Impl term(FloeFunction3<T0, T1, T2, R> fn, Object arg1, Object arg2);
        /** Transform terminal: replaces the value with {@code fn(value, args…)}. */
        <T0, T1, T2, T3, R> Impl term(FloeFunction4<T0, T1, T2, T3, R> fn, Object arg1, Object arg2, Object arg3);
        /** Transform terminal: replaces the value with {@code fn(value, args…)}. */
        <T0, T1, T2, T3, T4, R> Impl term(FloeFunction5<T0, T1, T2, T3, T4, R> fn, Object arg1, Object arg2, Object arg3, Object arg4);
        /** Transform terminal: replaces the value with {@code fn(value, args…)}. */
        <T0, T1, T2, T3, T4, T5, R> Impl term(FloeFunction6<T0, T1, T2, T3, T4, T5, R> fn, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5);
        /** Transform terminal: replaces the value with {@code fn(value, args…)}. */
        <T0, T1, T2, T3, T4, T5, T6, R> Impl term(FloeFunction7<T0, T1, T2, T3, T4, T5, T6, R> fn, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6);
        /** Transform terminal: replaces the value with {@code fn(value, args…)}. */
        <T0, T1, T2, T3, T4, T5, T6, T7, R> Impl term(FloeFunction8<T0, T1, T2, T3, T4, T5, T6, T7, R> fn, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6, Object arg7);
        /** Transform terminal: replaces the value with a constant (or a variable's value). */
        Impl termVal(Object argVal);
        /** Transform terminal: removes the navigated element. */
        Impl termVoid();
        /** Navigates every path from the current point: selects concatenate, transforms apply in order. */
        Impl multiPath(Path... paths);
        /** Continues only when {@code fn(value, args…)} is truthy. */
        <T0> Impl filterPred(FloeFunction1<T0, Boolean> fn);
        /** Continues only when {@code fn(value, args…)} is truthy. */
        <T0, T1> Impl filterPred(FloeFunction2<T0, T1, Boolean> fn, Object arg1);
        /** Continues only when {@code fn(value, args…)} is truthy. */
        <T0, T1, T2> Impl filterPred(FloeFunction3<T0, T1, T2, Boolean> fn, Object arg1, Object arg2);
        /** Continues only when {@code fn(value, args…)} is truthy. */
        <T0, T1, T2, T3> Impl filterPred(FloeFunction4<T0, T1, T2, T3, Boolean> fn, Object arg1, Object arg2, Object arg3);
        /** Continues only when {@code fn(value, args…)} is truthy. */
        <T0, T1, T2, T3, T4> Impl filterPred(FloeFunction5<T0, T1, T2, T3, T4, Boolean> fn, Object arg1, Object arg2, Object arg3, Object arg4);
        /** Continues only when {@code fn(value, args…)} is truthy. */
        <T0, T1, T2, T3, T4, T5> Impl filterPred(FloeFunction6<T0, T1, T2, T3, T4, T5, Boolean> fn, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5);
        /** Continues only when {@code fn(value, args…)} is truthy. */
        <T0, T1, T2, T3, T4, T5, T6> Impl filterPred(FloeFunction7<T0, T1, T2, T3, T4, T5, T6, Boolean> fn, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6);
        /** Continues only when {@code fn(value, args…)} is truthy. */
        <T0, T1, T2, T3, T4, T5, T6, T7> Impl filterPred(FloeFunction8<T0, T1, T2, T3, T4, T5, T6, T7, Boolean> fn, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6, Object arg7);
        /** Continues only when the path selects something from the current value. */
        Impl filterSelected(Path path);
        /** Continues only when the path selects nothing from the current value. */
        Impl filterNotSelected(Path path);
        /** Continues only when the current value equals the argument. */
        Impl filterEqual(Object arg);
        /** Continues only when the current value does not equal the argument. */
        Impl filterNotEqual(Object arg);
        /** Continues only when the current value is less than the argument. */
        Impl filterLessThan(Object arg);
        /** Continues only when the current value is at most the argument. */
        Impl filterLessThanOrEqual(Object arg);
        /** Continues only when the current value is greater than the argument. */
        Impl filterGreaterThan(Object arg);
        /** Continues only when the current value is at least the argument. */
        Impl filterGreaterThanOrEqual(Object arg);
        /** Navigates to {@code fn(value, args…)}; a transform replaces the value with the result of the rest of the path. */
        <T0, R> Impl view(FloeFunction1<T0, R> fn);
        /** Navigates to {@code fn(value, args…)}; a transform replaces the value with the result of the rest of the path. */
        <T0, T1, R> Impl view(FloeFunction2<T0, T1, R> fn, Object arg1);
        /** Navigates to {@code fn(value, args…)}; a transform replaces the value with the result of the rest of the path. */
        <T0, T1, T2, R> Impl view(FloeFunction3<T0, T1, T2, R> fn, Object arg1, Object arg2);
        /** Navigates to {@code fn(value, args…)}; a transform replaces the value with the result of the rest of the path. */
        <T0, T1, T2, T3, R> Impl view(FloeFunction4<T0, T1, T2, T3, R> fn, Object arg1, Object arg2, Object arg3);
        /** Navigates to {@code fn(value, args…)}; a transform replaces the value with the result of the rest of the path. */
        <T0, T1, T2, T3, T4, R> Impl view(FloeFunction5<T0, T1, T2, T3, T4, R> fn, Object arg1, Object arg2, Object arg3, Object arg4);
        /** Navigates to {@code fn(value, args…)}; a transform replaces the value with the result of the rest of the path. */
        <T0, T1, T2, T3, T4, T5, R> Impl view(FloeFunction6<T0, T1, T2, T3, T4, T5, R> fn, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5);
        /** Navigates to {@code fn(value, args…)}; a transform replaces the value with the result of the rest of the path. */
        <T0, T1, T2, T3, T4, T5, T6, R> Impl view(FloeFunction7<T0, T1, T2, T3, T4, T5, T6, R> fn, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6);
        /** Navigates to {@code fn(value, args…)}; a transform replaces the value with the result of the rest of the path. */
        <T0, T1, T2, T3, T4, T5, T6, T7, R> Impl view(FloeFunction8<T0, T1, T2, T3, T4, T5, T6, T7, R> fn, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6, Object arg7);
        /** Navigates to the value as transformed by a transform path (ending in term, termVal or termVoid), without writing. */
        Impl transformed(Path path);
        /** Stays at the current value. */
        Impl stay();
        /** Navigates nowhere. */
        Impl stop();
        /** Navigates with thenPath when condPath selects something, else nowhere. */
        Impl ifPath(Path condPath, Path thenPath);
        /** Navigates with thenPath when condPath selects something, else with elsePath. */
        Impl ifPath(Path condPath, Path thenPath, Path elsePath);
        /** Navigates to the list of everything the path selects; a transform writes the list back in order. */
        Impl subselect(Path path);
        /** Navigates to the sub-list of elements for which the path selects something; a transform writes back in place. */
        Impl filteredList(Path path);
        /** Adds a custom navigator. */
        Impl customNav(Navigator<?> nav);
        /** Adds a navigator built at run time by the function from the arguments (which may be variables). */
        Impl customNavBuilder(FloeFunction0<Navigator<?>> builderFunction);
        /** Adds a navigator built at run time by the function from the arguments (which may be variables). */
        <T0> Impl customNavBuilder(FloeFunction1<T0, Navigator<?>> builderFunction, Object arg0);
        /** Adds a navigator built at run time by the function from the arguments (which may be variables). */
        <T0, T1> Impl customNavBuilder(FloeFunction2<T0, T1, Navigator<?>> builderFunction, Object arg0, Object arg1);
        /** Adds a navigator built at run time by the function from the arguments (which may be variables). */
        <T0, T1, T2> Impl customNavBuilder(FloeFunction3<T0, T1, T2, Navigator<?>> builderFunction, Object arg0, Object arg1, Object arg2);
        /** Adds a navigator built at run time by the function from the arguments (which may be variables). */
        <T0, T1, T2, T3> Impl customNavBuilder(FloeFunction4<T0, T1, T2, T3, Navigator<?>> builderFunction, Object arg0, Object arg1, Object arg2, Object arg3);
        /** Adds a navigator built at run time by the function from the arguments (which may be variables). */
        <T0, T1, T2, T3, T4> Impl customNavBuilder(FloeFunction5<T0, T1, T2, T3, T4, Navigator<?>> builderFunction, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4);
        /** Adds a navigator built at run time by the function from the arguments (which may be variables). */
        <T0, T1, T2, T3, T4, T5> Impl customNavBuilder(FloeFunction6<T0, T1, T2, T3, T4, T5, Navigator<?>> builderFunction, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5);
        /** Adds a navigator built at run time by the function from the arguments (which may be variables). */
        <T0, T1, T2, T3, T4, T5, T6> Impl customNavBuilder(FloeFunction7<T0, T1, T2, T3, T4, T5, T6, Navigator<?>> builderFunction, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6);
        /** Adds a navigator built at run time by the function from the arguments (which may be variables). */
        <T0, T1, T2, T3, T4, T5, T6, T7> Impl customNavBuilder(FloeFunction8<T0, T1, T2, T3, T4, T5, T6, T7, Navigator<?>> builderFunction, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6, Object arg7);
        /** Adds a sub-path built at run time by the function from the arguments (which may be variables). */
        Impl pathBuilder(FloeFunction0<Path> builderFunction);
        /** Adds a sub-path built at run time by the function from the arguments (which may be variables). */
        <T0> Impl pathBuilder(FloeFunction1<T0, Path> builderFunction, Object arg0);
        /** Adds a sub-path built at run time by the function from the arguments (which may be variables). */
        <T0, T1> Impl pathBuilder(FloeFunction2<T0, T1, Path> builderFunction, Object arg0, Object arg1);
        /** Adds a sub-path built at run time by the function from the arguments (which may be variables). */
        <T0, T1, T2> Impl pathBuilder(FloeFunction3<T0, T1, T2, Path> builderFunction, Object arg0, Object arg1, Object arg2);
        /** Adds a sub-path built at run time by the function from the arguments (which may be variables). */
        <T0, T1, T2, T3> Impl pathBuilder(FloeFunction4<T0, T1, T2, T3, Path> builderFunction, Object arg0, Object arg1, Object arg2, Object arg3);
        /** Adds a sub-path built at run time by the function from the arguments (which may be variables). */
        <T0, T1, T2, T3, T4> Impl pathBuilder(FloeFunction5<T0, T1, T2, T3, T4, Path> builderFunction, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4);
        /** Adds a sub-path built at run time by the function from the arguments (which may be variables). */
        <T0, T1, T2, T3, T4, T5> Impl pathBuilder(FloeFunction6<T0, T1, T2, T3, T4, T5, Path> builderFunction, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5);
        /** Adds a sub-path built at run time by the function from the arguments (which may be variables). */
        <T0, T1, T2, T3, T4, T5, T6> Impl pathBuilder(FloeFunction7<T0, T1, T2, T3, T4, T5, T6, Path> builderFunction, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6);
        /** Adds a sub-path built at run time by the function from the arguments (which may be variables). */
        <T0, T1, T2, T3, T4, T5, T6, T7> Impl pathBuilder(FloeFunction8<T0, T1, T2, T3, T4, T5, T6, T7, Path> builderFunction, Object arg0, Object arg1, Object arg2, Object arg3, Object arg4, Object arg5, Object arg6, Object arg7);
        /** Collects the list of everything the path selects from the current value. */
        Impl collect(Path path);
        /** Collects the single value the path selects from the current value. */
        Impl collectOne(Path path);
        /** Collects a value (a constant or a variable's value). */
        Impl putCollected(Object argVal);
        /** Continues only when the function, applied to the collected values, is truthy. */
        Impl isCollected(FloeFunction0<Boolean> fn);
        /** Continues only when the function, applied to the collected values, is truthy. */
        <T0> Impl isCollected(FloeFunction1<T0, Boolean> fn);
        /** Continues only when the function, applied to the collected values, is truthy. */
        <T0, T1> Impl isCollected(FloeFunction2<T0, T1, Boolean> fn);
        /** Continues only when the function, applied to the collected values, is truthy. */
        <T0, T1, T2> Impl isCollected(FloeFunction3<T0, T1, T2, Boolean> fn);
        /** Continues only when the function, applied to the collected values, is truthy. */
        <T0, T1, T2, T3> Impl isCollected(FloeFunction4<T0, T1, T2, T3, Boolean> fn);
        /** Continues only when the function, applied to the collected values, is truthy. */
        <T0, T1, T2, T3, T4> Impl isCollected(FloeFunction5<T0, T1, T2, T3, T4, Boolean> fn);
        /** Continues only when the function, applied to the collected values, is truthy. */
        <T0, T1, T2, T3, T4, T5> Impl isCollected(FloeFunction6<T0, T1, T2, T3, T4, T5, Boolean> fn);
        /** Continues only when the function, applied to the collected values, is truthy. */
        <T0, T1, T2, T3, T4, T5, T6> Impl isCollected(FloeFunction7<T0, T1, T2, T3, T4, T5, T6, Boolean> fn);
        /** Continues only when the function, applied to the collected values, is truthy. */
        <T0, T1, T2, T3, T4, T5, T6, T7> Impl isCollected(FloeFunction8<T0, T1, T2, T3, T4, T5, T6, T7, Boolean> fn);
        /** Drops every collected value. */
        Impl dispenseCollected();
    }
}
