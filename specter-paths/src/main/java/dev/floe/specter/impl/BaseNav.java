package dev.floe.specter.impl;

import dev.floe.specter.Nav;
import dev.floe.specter.PathException;

/** Common base of the built-in navigators: printing and the incompatible-value error. */
public abstract class BaseNav implements Nav {
    @Override
    public String toString() {
        return name();
    }

    protected final PathException incompatible(Object value, String expected) {
        return PathException.incompatible(this, value, expected);
    }
}
