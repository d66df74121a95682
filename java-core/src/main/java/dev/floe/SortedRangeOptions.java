package dev.floe;

/**
 * Options of {@link Path#sortedMapRange(Object, Object, SortedRangeOptions)} and {@code sortedSetRange}: by default the start is included and the end excluded. Options are immutable values: each method returns a new options object.
 */
public interface SortedRangeOptions {
    /** Options with every default. */
    static Impl create() {
        return new CapturedSortedRangeOptions();
    }

    /** Same as {@code create().excludeStart()}: Excludes the start key (included by default). */
    static Impl excludeStart() {
        return create().excludeStart();
    }

    /** Same as {@code create().includeEnd()}: Includes the end key (excluded by default). */
    static Impl includeEnd() {
        return create().includeEnd();
    }

    /** The chaining form of the options. */
    interface Impl extends SortedRangeOptions {
        /** Excludes the start key (included by default). */
        Impl excludeStart();

        /** Includes the end key (excluded by default). */
        Impl includeEnd();
    }

    /** The captured option values. */
    final class CapturedSortedRangeOptions implements Impl, FloeSerializable {
        private static final long serialVersionUID = 1L;

        private boolean startIncluded = true;
        private boolean endIncluded = false;

        public CapturedSortedRangeOptions() {}

        private CapturedSortedRangeOptions copy() {
            CapturedSortedRangeOptions c = new CapturedSortedRangeOptions();
            c.startIncluded = startIncluded;
            c.endIncluded = endIncluded;
            return c;
        }

        @Override
        public Impl excludeStart() {
            CapturedSortedRangeOptions c = copy();
            c.startIncluded = false;
            return c;
        }

        @Override
        public Impl includeEnd() {
            CapturedSortedRangeOptions c = copy();
            c.endIncluded = true;
            return c;
        }

        /** The startIncluded setting. */
        public boolean isStartIncluded() {
            return startIncluded;
        }

        /** The endIncluded setting. */
        public boolean isEndIncluded() {
            return endIncluded;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof CapturedSortedRangeOptions)) {
                return false;
            }
            CapturedSortedRangeOptions o = (CapturedSortedRangeOptions) other;
            return o.startIncluded == startIncluded && o.endIncluded == endIncluded;
        }

        @Override
        public int hashCode() {
            return Boolean.hashCode(startIncluded) * 31 + Boolean.hashCode(endIncluded);
        }

        @Override
        public String toString() {
            return "SortedRangeOptions(" + "startIncluded=" + startIncluded + ", " + "endIncluded=" + endIncluded + ")";
        }
    }
}
