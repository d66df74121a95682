package dev.floe.diffs;

/**
 * A diff that does not carry the new value ({@link UnknownDiff}, {@link ResyncDiff},
 * {@link AppendDiff}, {@link SequenceChangeDiff} …), or one that does not fit the value it was
 * applied to: the caller reads the new value whole instead.
 */
public final class DiffNotApplicableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Diff diff;

    DiffNotApplicableException(Diff diff, String why) {
        super(why);
        this.diff = diff;
    }

    /** The diff that could not be applied (null after the exception was serialized). */
    public Diff diff() {
        return diff;
    }
}
