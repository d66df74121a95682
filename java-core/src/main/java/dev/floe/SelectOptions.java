package dev.floe;

/** Options of {@code localSelect}/{@code select} inside topologies. */
public interface SelectOptions {
    /** Options with every default (no yielding). */
    static Impl create() {
        return new CaptureSelectOptions();
    }

    /** Lets a long select yield the task thread; it reads a stable snapshot across yields. */
    static Impl allowYield() {
        return create().allowYield();
    }

    /** The chaining form. */
    interface Impl extends SelectOptions {
        /** Lets the select yield. */
        Impl allowYield();
    }

    /** The captured option values. */
    final class CaptureSelectOptions implements Impl, FloeSerializable {
        private static final long serialVersionUID = 1L;
        private boolean allowYield;

        public CaptureSelectOptions() {}

        @Override
        public Impl allowYield() {
            CaptureSelectOptions c = new CaptureSelectOptions();
            c.allowYield = true;
            return c;
        }

        /** Whether the select may yield. */
        public boolean getAllowYield() {
            return allowYield;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CaptureSelectOptions && ((CaptureSelectOptions) o).allowYield == allowYield;
        }

        @Override
        public int hashCode() {
            return Boolean.hashCode(allowYield);
        }

        @Override
        public String toString() {
            return "SelectOptions(allowYield=" + allowYield + ")";
        }
    }
}
