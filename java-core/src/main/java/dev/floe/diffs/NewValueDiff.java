package dev.floe.diffs;

import java.util.Objects;

/** The whole value was replaced by {@link #getVal()}. Does not expand. */
public final class NewValueDiff extends Diff {
    private static final long serialVersionUID = 1L;

    /** Handles {@link NewValueDiff}s. */
    public interface Processor {
        void processNewValueDiff(NewValueDiff diff);
    }

    private final Object val;

    public NewValueDiff(Object val) {
        this.val = val;
    }

    /** The new value. */
    public Object getVal() {
        return val;
    }

    @Override
    boolean processOwn(Diff.Processor p) {
        if (p instanceof Processor) {
            ((Processor) p).processNewValueDiff(this);
            return true;
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NewValueDiff && Objects.equals(val, ((NewValueDiff) o).val);
    }

    @Override
    public int hashCode() {
        return 29 + Objects.hashCode(val);
    }

    @Override
    public String toString() {
        return "NewValueDiff(" + val + ")";
    }
}
