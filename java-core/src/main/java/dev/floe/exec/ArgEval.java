package dev.floe.exec;

/** How an argument is computed for an event: a slot read, a constant, or a nested call. */
public abstract class ArgEval {
    /** The argument's value in the frame. */
    public abstract Object eval(Frame f);

    /** Adds the slots this argument reads. */
    public void reads(java.util.BitSet out) {
        // constants and context lookups read no slot
    }

    /** Adds the slots any of {@code args} reads. */
    public static void readsAll(ArgEval[] args, java.util.BitSet out) {
        for (ArgEval a : args) {
            a.reads(out);
        }
    }

    /** Reads a slot. */
    public static ArgEval slot(int slot) {
        return new Slot(slot);
    }

    /** A constant. */
    public static ArgEval constant(Object value) {
        return new Const(value);
    }

    /** A nested function call (an Expr). */
    public static ArgEval call(FnCall call) {
        return new Call(call);
    }

    static final class Slot extends ArgEval {
        final int slot;

        Slot(int slot) {
            this.slot = slot;
        }

        @Override
        public Object eval(Frame f) {
            return f.slots[slot];
        }

        @Override
        public void reads(java.util.BitSet out) {
            out.set(slot);
        }
    }

    /** A constant argument. */
    public static final class Const extends ArgEval {
        final Object value;

        Const(Object value) {
            this.value = value;
        }

        @Override
        public Object eval(Frame f) {
            return value;
        }
    }

    static final class Call extends ArgEval {
        final FnCall call;

        Call(FnCall call) {
            this.call = call;
        }

        @Override
        public Object eval(Frame f) {
            return call.call(f);
        }

        @Override
        public void reads(java.util.BitSet out) {
            call.reads(out);
        }
    }
}
