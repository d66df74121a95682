package dev.floe.exec;

/**
 * The variables of one running event: one slot per binding (a variable bound twice gets two
 * slots, so a branch that runs later still sees the value it was compiled against). Frames are
 * owned by one thread at a time.
 */
public final class Frame {
    final Object[] slots;
    final EventContext ctx;

    public Frame(int size, EventContext ctx) {
        this.slots = new Object[size];
        this.ctx = ctx;
    }

    /** The value in a slot. */
    public Object get(int slot) {
        return slots[slot];
    }

    /** Sets a slot. */
    public void set(int slot, Object value) {
        slots[slot] = value;
    }

    /** The context of the event. */
    public EventContext ctx() {
        return ctx;
    }
}
