package dev.floe.builder;

import dev.floe.SubSource;

/** The builder behind {@link SubSource}: a class and its block. */
public final class SubSourceBuilder extends AbstractChain<SubSource.Impl, SubSource.OutImpl, SubSource.MultiOutImpl>
        implements SubSource.MultiOutImpl {
    private final Class<?> type;

    public SubSourceBuilder(Class<?> type) {
        if (type == null) {
            throw new IllegalArgumentException("SubSource.create needs a class");
        }
        this.type = type;
    }

    Class<?> type() {
        return type;
    }
}
