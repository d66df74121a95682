package dev.floe.path;

import dev.floe.specter.Nav;
import dev.floe.specter.PathException;
import dev.floe.specter.Paths;

import java.util.List;

/**
 * A {@link dev.floe.Path} compiled once: the dataflow variables it uses, in a fixed order, and a
 * template that binds their values into a navigator. A path without variables binds to one
 * cached navigator.
 */
public final class CompiledPath {
    private final String source;
    private final List<String> vars;
    private final Paths.Template template;

    CompiledPath(String source, List<String> vars, Paths.Template template) {
        this.source = source;
        this.vars = List.copyOf(vars);
        this.template = template;
    }

    /** The variables the path uses, in the order {@link #bind} takes their values. */
    public List<String> vars() {
        return vars;
    }

    /** The navigator of a path that uses no variables. */
    public Nav nav() {
        if (!vars.isEmpty()) {
            throw new PathException(source + " uses the dataflow variable(s) " + vars
                    + ", which are not bound here (variables are only bound inside dataflow)");
        }
        return template.bind();
    }

    /** The navigator for these variable values (in {@link #vars()} order). */
    public Nav bind(Object... values) {
        if (values.length != vars.size()) {
            throw new PathException(source + " needs values for " + vars + ", got " + values.length);
        }
        return template.bind(values);
    }

    @Override
    public String toString() {
        return source;
    }
}
