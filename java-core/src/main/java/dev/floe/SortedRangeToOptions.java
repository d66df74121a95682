package dev.floe;

/**
 * Options of {@code sortedMapRangeTo} and {@code sortedSetRangeTo}: by default the end is excluded and reading starts at the beginning of the structure; with a maximum amount, the last elements before the end are read. Options are immutable values: each method returns a new options object.
 */
public interface SortedRangeToOptions {
    /** Options with every default. */
    static Impl create() {
        return new CapturedSortedRangeToOptions();
    }

    /** Same as {@code create().includeEnd()}: Includes the end key (excluded by default). */
    static Impl includeEnd() {
        return create().includeEnd();
    }

    /** Same as {@code create().maxAmt(amt)}: Reads at most this many elements: the last ones before the end (by default, from the beginning). */
    static Impl maxAmt(int amt) {
        return create().maxAmt(amt);
    }

    /** The chaining form of the options. */
    interface Impl extends SortedRangeToOptions {
        /** Includes the end key (excluded by default). */
        Impl includeEnd();

        /** Reads at most this many elements: the last ones before the end (by default, from the beginning). */
        Impl maxAmt(int amt);
    }

    /** The captured option values. */
    final class CapturedSortedRangeToOptions implements Impl, FloeSerializable {
        private static final long serialVersionUID = 1L;

        private boolean endIncluded = false;
        private int maxAmt = -1;

        public CapturedSortedRangeToOptions() {}

        private CapturedSortedRangeToOptions copy() {
            CapturedSortedRangeToOptions c = new CapturedSortedRangeToOptions();
            c.endIncluded = endIncluded;
            c.maxAmt = maxAmt;
            return c;
        }

        @Override
        public Impl includeEnd() {
            CapturedSortedRangeToOptions c = copy();
            c.endIncluded = true;
            return c;
        }

        @Override
        public Impl maxAmt(int amt) {
            if (amt < 0) {
                throw new IllegalArgumentException("maxAmt must be >= 0, got " + amt);
            }
            CapturedSortedRangeToOptions c = copy();
            c.maxAmt = amt;
            return c;
        }

        /** The endIncluded setting. */
        public boolean isEndIncluded() {
            return endIncluded;
        }

        /** The maxAmt setting. */
        public int getMaxAmt() {
            return maxAmt;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof CapturedSortedRangeToOptions)) {
                return false;
            }
            CapturedSortedRangeToOptions o = (CapturedSortedRangeToOptions) other;
            return o.endIncluded == endIncluded && o.maxAmt == maxAmt;
        }

        @Override
        public int hashCode() {
            return Boolean.hashCode(endIncluded) * 31 + Integer.hashCode(maxAmt);
        }

        @Override
        public String toString() {
            return "SortedRangeToOptions(" + "endIncluded=" + endIncluded + ", " + "maxAmt=" + maxAmt + ")";
        }
    }
}
