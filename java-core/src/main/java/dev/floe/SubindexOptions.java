package dev.floe;

/** Options of a subindexed schema. */
public interface SubindexOptions {
    /** Options with every default (size tracked). */
    static Impl create() {
        return new CapturedSubindexOptions();
    }

    /** No size tracking: writes are cheaper and the size becomes an O(n) scan (not for lists). */
    static Impl withoutSizeTracking() {
        return create().withoutSizeTracking();
    }

    /** The chaining form. */
    interface Impl extends SubindexOptions {
        /** Turns size tracking off. */
        Impl withoutSizeTracking();
    }

    /** The captured option values. */
    final class CapturedSubindexOptions implements Impl, FloeSerializable {
        private static final long serialVersionUID = 1L;
        private boolean sizeTracked = true;

        public CapturedSubindexOptions() {}

        @Override
        public Impl withoutSizeTracking() {
            CapturedSubindexOptions c = new CapturedSubindexOptions();
            c.sizeTracked = false;
            return c;
        }

        /** Whether the size is tracked. */
        public boolean isSizeTracked() {
            return sizeTracked;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CapturedSubindexOptions && ((CapturedSubindexOptions) o).sizeTracked == sizeTracked;
        }

        @Override
        public int hashCode() {
            return Boolean.hashCode(sizeTracked);
        }

        @Override
        public String toString() {
            return "SubindexOptions(sizeTracked=" + sizeTracked + ")";
        }
    }
}
