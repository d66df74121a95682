/**
 * The navigator engine: Specter's navigator contract in Java.
 *
 * <p>A {@link dev.floe.specter.Nav} has two methods in continuation style, select and transform,
 * so one navigator serves reads and writes. {@link dev.floe.specter.Paths} compiles path elements
 * (navigators, vectors of them, implicit navigators such as keywords and functions) into one
 * navigator, fusing runs of single-place navigators; {@link dev.floe.specter.Paths.Template}
 * compiles a path once with late-bound parameters. {@link dev.floe.specter.Specter} holds the
 * operations (select, transform, setval …) and {@link dev.floe.specter.Navs} every built-in
 * navigator.
 *
 * <p>Invariants: navigators are immutable and thread-safe; transforms never mutate their input
 * and return the same kind of collection they were given; {@code select} propagates a
 * {@link clojure.lang.Reduced} from its continuation immediately. The engine has no threads and
 * no global state other than per-call-site caches created by the Clojure {@code path} macro.
 */
package dev.floe.specter;
