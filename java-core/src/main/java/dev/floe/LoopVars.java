package dev.floe;

/**
 * The variables of a {@link Block#loopWithVars} and their initial values, in order:
 * {@code LoopVars.var("*i", 0).var("*acc", "*start")}. Initial values may be variables, literals
 * or {@link Expr}s; an integer literal stays an {@code Integer}.
 */
public interface LoopVars {
    /** Loop vars starting with one variable. */
    static Impl var(String name, Object initialValue) {
        return new dev.floe.builder.LoopVarsBuilder().var(name, initialValue);
    }

    /** Adds loop vars. */
    interface Impl extends LoopVars {
        /** Adds a loop var. */
        Impl var(String name, Object initialValue);
    }
}
