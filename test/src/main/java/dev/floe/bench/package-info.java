/**
 * JMH micro-benchmarks, each a pair: Floe against hand-written code doing the same work on the
 * same data, reported as a ratio measured in the same run (STYLE.md rule 8, BENCHMARKS.md).
 *
 * <p>Invariants: both sides of a pair return equal values of the same class (checked once per
 * trial in each state's {@code @Setup}, and by {@code PathsBenchTest} in the build); benchmark
 * methods are named {@code <pair>_floe<Variant>} and {@code <pair>_hand}, which is how
 * {@link dev.floe.bench.RatioReport} pairs them. Benchmarks run only through {@code bin/bench-paths}
 * (never in {@code mvn verify}); each uses one thread and its own {@code Scope.Thread} state.
 */
package dev.floe.bench;
