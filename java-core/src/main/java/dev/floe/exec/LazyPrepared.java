package dev.floe.exec;

import dev.floe.ir.Node;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Dataflow code compiled on first use ({@link LocalExecutor#prepare}), as a value a module's IR
 * can hold: it serializes as its IR nodes and input names (the compiled form is rebuilt after a
 * module is relaunched from its recorded code), compares by them, and {@code deref}s to the
 * prepared program. Clojure's anonymous dataflow functions ({@code <<ramafn}) use it.
 */
public final class LazyPrepared implements Serializable, clojure.lang.IDeref {
    private static final long serialVersionUID = 1L;

    private final List<Node> nodes;
    private final List<String> inputs;
    private transient volatile LocalExecutor.Prepared prepared;

    public LazyPrepared(List<Node> nodes, List<String> inputs) {
        this.nodes = List.copyOf(nodes);
        this.inputs = List.copyOf(inputs);
    }

    @Override
    public Object deref() {
        LocalExecutor.Prepared p = prepared;
        if (p == null) {
            synchronized (this) {
                p = prepared;
                if (p == null) {
                    p = LocalExecutor.prepare(nodes, inputs);
                    prepared = p;
                }
            }
        }
        return p;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LazyPrepared && ((LazyPrepared) o).nodes.equals(nodes) && ((LazyPrepared) o).inputs.equals(inputs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nodes, inputs);
    }

    @Override
    public String toString() {
        return "LazyPrepared" + inputs;
    }
}
