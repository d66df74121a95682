package dev.floe.builder;

import dev.floe.Case;

/** The builder behind {@link Case}: a condition and its block. */
public final class CaseBuilder extends AbstractChain<Case.Impl, Case.OutImpl, Case.MultiOutImpl>
        implements Case.MultiOutImpl {
    private final Object condition;

    public CaseBuilder(Object condition) {
        this.condition = condition;
    }

    Object condition() {
        return condition;
    }
}
