/**
 * Diffs: how a value watched through a proxy changed (Rama's {@code com.rpl.rama.diffs}).
 *
 * <p>{@link dev.floe.diffs.Diff} is the closed base class of 23 immutable, serializable diff
 * classes: changes of maps ({@link dev.floe.diffs.KeyDiff}, {@link dev.floe.diffs.KeysDiff},
 * {@link dev.floe.diffs.KeyRemoveDiff}, {@link dev.floe.diffs.KeysRemoveDiff},
 * {@link dev.floe.diffs.KeyChangeDiff}), of sets and multi-sets, of lists (the
 * {@code Sequence*Diff}s and {@link dev.floe.diffs.AppendDiff}), a whole new value
 * ({@link dev.floe.diffs.NewValueDiff}), several diffs in order ({@link dev.floe.diffs.MultiDiff}),
 * and the diffs that carry no value ({@link dev.floe.diffs.UnknownDiff},
 * {@link dev.floe.diffs.ResyncDiff}, {@link dev.floe.diffs.DestroyedDiff},
 * {@link dev.floe.diffs.UngracefulTerminationDiff}). Each has a nested {@code Processor}
 * interface; {@link dev.floe.diffs.Diff#process} dispatches to it, or expands the diff into
 * simpler ones, or calls {@link dev.floe.diffs.Diff.Processor#unhandled()}.
 *
 * <p>{@link dev.floe.diffs.Diffs#between} computes the diff of two values structurally, cheaply
 * for small edits of large values (shared tree nodes and stored overlays are skipped);
 * {@link dev.floe.diffs.Diffs#apply} applies one.
 *
 * <p>Invariants (the laws, property-tested): {@code apply(between(a, b), a)} equals {@code b};
 * {@code between(a, a)} is null; a diff processed by a processor of the single-change diffs
 * yields changes whose application in order equals applying the diff; a processor that handles
 * nothing gets one {@code unhandled()} per leaf of the expansion. A change {@code between} cannot
 * describe precisely becomes a coarser diff (a {@code NewValueDiff}), never a wrong one.
 *
 * <p>Threading: diffs are immutable and thread-safe; {@code between} and {@code apply} are pure.
 * {@code between} on views of a PState's stored structures reads the task's store, so it runs on
 * the task thread, before the commit that the working view holds is written. See
 * {@code docs/reactive.md}.
 */
package dev.floe.diffs;
