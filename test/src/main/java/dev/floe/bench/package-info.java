/**
 * Benchmarks, each reported as a ratio measured in the same run (STYLE.md rule 8, BENCHMARKS.md).
 *
 * <p><b>JMH micro-benchmarks</b> ({@code PathsBench}, {@code BlockBench}), each a pair: Floe against
 * hand-written code doing the same work on the same data. Both sides of a pair return equal values
 * of the same class (checked once per trial in each state's {@code @Setup}, and by
 * {@code PathsBenchTest} in the build); benchmark methods are named {@code <pair>_floe<Variant>} and
 * {@code <pair>_hand}, which is how {@link dev.floe.bench.RatioReport} pairs them. They run only
 * through {@code bin/bench-paths} and {@code bin/bench-dataflow} (never in {@code mvn verify}); each
 * uses one thread and its own {@code Scope.Thread} state.
 *
 * <p><b>The runtime driver</b> ({@link dev.floe.bench.RuntimeBench}, run by {@code bin/bench-runtime}):
 * word count on the in-process cluster, stream and microbatch, in records per CPU-second against
 * the least code doing the same work ({@code QueueHopLimit}), and append→ACK latency in an
 * HdrHistogram. Every workload's counts are compared with a model at the end of a run, and
 * {@code RuntimeBenchTest} runs every workload tiny in the build; nothing times anything there.
 *
 * <p><b>The proxy driver</b> ({@link dev.floe.bench.ProxyBench}, run by {@code bin/bench-proxies}):
 * reactive proxies on a PState updated by a stream topology (BENCHMARKS.md B6) — diffs per
 * CPU-second against the same diff bytes handed through an in-JVM queue ({@code DiffHopLimit}),
 * update→callback latency, and diff bytes against full-value bytes. Every callback's diff is
 * checked against its old and new value, and every proxy against a select, in each run;
 * {@code ProxyBenchTest} runs it tiny in the build.
 */
package dev.floe.bench;
