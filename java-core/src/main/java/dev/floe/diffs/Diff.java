package dev.floe.diffs;

import dev.floe.FloeSerializable;

/**
 * A change of a value watched through a proxy: from the old value to the new one. Diffs are
 * immutable values (equal when they describe the same change) and travel to clients.
 *
 * <p>A diff is read with a visitor: {@code diff.process(processor)}, where the processor
 * implements {@link Processor} and the nested {@code Processor} interface of every diff class it
 * handles ({@link KeyDiff.Processor}, {@link SetAddDiff.Processor} …). When the processor handles
 * the diff's own class, that method is called once with the diff. When it does not, a composite
 * diff expands into simpler diffs that are processed in turn (a {@link KeysDiff} into one
 * {@link KeyDiff} per key, a {@link MultiDiff} into its diffs in order, a
 * {@link SequenceInsertDiff} into a {@link SequenceChangeDiff} …; each class says into what), and
 * a diff that neither is handled nor expands calls {@link Processor#unhandled()}: the processor
 * then knows only that the value changed and reads the new value whole.
 *
 * <p>The hierarchy is closed: every diff class is in this package.
 */
public abstract class Diff implements FloeSerializable {
    private static final long serialVersionUID = 1L;

    /** Subclasses live in this package only. */
    Diff() {}

    /**
     * The base of every processor: called for each part of a diff the processor handles neither
     * directly nor through an expansion.
     */
    public interface Processor {
        /** A change this processor does not handle: fall back to the new value as a whole. */
        void unhandled();
    }

    /**
     * Visits this diff: the processor's method for this class if it implements it, else this
     * diff's expansion, else {@link Processor#unhandled()}.
     */
    public final void process(Processor processor) {
        if (processor == null) {
            throw new IllegalArgumentException("process: the processor is null");
        }
        if (!processOwn(processor)) {
            expand(processor);
        }
    }

    /** Calls this class's own processor method when {@code p} implements it; false when it does not. */
    abstract boolean processOwn(Processor p);

    /** Processes what this diff expands to; a diff without an expansion is unhandled. */
    void expand(Processor p) {
        p.unhandled();
    }
}
