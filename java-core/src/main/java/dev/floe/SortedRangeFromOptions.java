package dev.floe;

/**
 * Options of {@code sortedMapRangeFrom} and {@code sortedSetRangeFrom}: by default the start is included and reading runs to the end of the structure. Options are immutable values: each method returns a new options object.
 */
public interface SortedRangeFromOptions {
    /** Options with every default. */
    static Impl create() {
        return new CapturedSortedRangeFromOptions();
    }

    /** Same as {@code create().excludeStart()}: Excludes the start key (included by default). */
    static Impl excludeStart() {
        return create().excludeStart();
    }

    /** Same as {@code create().maxAmt(amt)}: Reads at most this many elements (by default, to the end of the structure). */
    static Impl maxAmt(int amt) {
        return create().maxAmt(amt);
    }

    /** The chaining form of the options. */
    interface Impl extends SortedRangeFromOptions {
        /** Excludes the start key (included by default). */
        Impl excludeStart();

        /** Reads at most this many elements (by default, to the end of the structure). */
        Impl maxAmt(int amt);
    }

    /** The captured option values. */
    final class CapturedSortedRangeFromOptions implements Impl, FloeSerializable {
        private static final long serialVersionUID = 1L;

        private boolean startIncluded = true;
        private int maxAmt = -1;

        public CapturedSortedRangeFromOptions() {}

        private CapturedSortedRangeFromOptions copy() {
            CapturedSortedRangeFromOptions c = new CapturedSortedRangeFromOptions();
            c.startIncluded = startIncluded;
            c.maxAmt = maxAmt;
            return c;
        }

        @Override
        public Impl excludeStart() {
            CapturedSortedRangeFromOptions c = copy();
            c.startIncluded = false;
            return c;
        }

        @Override
        public Impl maxAmt(int amt) {
            if (amt < 0) {
                throw new IllegalArgumentException("maxAmt must be >= 0, got " + amt);
            }
            CapturedSortedRangeFromOptions c = copy();
            c.maxAmt = amt;
            return c;
        }

        /** The startIncluded setting. */
        public boolean isStartIncluded() {
            return startIncluded;
        }

        /** The maxAmt setting. */
        public int getMaxAmt() {
            return maxAmt;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof CapturedSortedRangeFromOptions)) {
                return false;
            }
            CapturedSortedRangeFromOptions o = (CapturedSortedRangeFromOptions) other;
            return o.startIncluded == startIncluded && o.maxAmt == maxAmt;
        }

        @Override
        public int hashCode() {
            return Boolean.hashCode(startIncluded) * 31 + Integer.hashCode(maxAmt);
        }

        @Override
        public String toString() {
            return "SortedRangeFromOptions(" + "startIncluded=" + startIncluded + ", " + "maxAmt=" + maxAmt + ")";
        }
    }
}
