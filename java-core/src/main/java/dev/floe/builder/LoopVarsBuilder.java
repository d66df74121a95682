package dev.floe.builder;

import dev.floe.LoopVars;
import dev.floe.path.PathCompiler;

import java.util.ArrayList;
import java.util.List;

/** The builder behind {@link LoopVars}: names and initial values in order. */
public final class LoopVarsBuilder implements LoopVars.Impl {
    private final List<Object[]> vars = new ArrayList<>();

    @Override
    public LoopVars.Impl var(String name, Object initialValue) {
        if (!PathCompiler.isVar(name) || !name.startsWith("*")) {
            throw new IllegalArgumentException("a loop var must be a value var such as \"*i\", got " + name);
        }
        vars.add(new Object[] {name, initialValue});
        return this;
    }

    List<Object[]> vars() {
        return vars;
    }
}
