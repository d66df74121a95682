package dev.floe.ir;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * An argument position in dataflow: a variable, a literal, or a nested expression evaluated
 * eagerly (it must produce exactly one value).
 */
public sealed interface Arg extends Serializable {
    /** A dataflow variable: {@code *x} (value), {@code $$p} (PState), {@code %f} (fragment). */
    record Var(String name) implements Arg {
        public Var {
            Objects.requireNonNull(name);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * A literal value. Literals compare like Clojure's {@code =} ({@code 1} and {@code 1L}, a Java
     * list and a Clojure vector with equal elements are the same literal), except that NaN equals
     * NaN, functions compare by code ({@link FnRef}) and arrays by content; the hash code agrees.
     */
    record Lit(Object value) implements Arg {
        @Override
        public boolean equals(Object o) {
            return o instanceof Lit && Values.equiv(value, ((Lit) o).value);
        }

        @Override
        public int hashCode() {
            return Values.hash(value);
        }

        @Override
        public String toString() {
            return clojure.lang.RT.printString(value);
        }
    }

    /** A nested call {@code fn(args…)} evaluated before the step that uses it. */
    record Expr(FnRef fn, List<Arg> args) implements Arg {
        public Expr {
            args = List.copyOf(args);
        }

        @Override
        public String toString() {
            return "(" + fn + (args.isEmpty() ? "" : " ") + String.join(" ", args.stream().map(Object::toString).toList()) + ")";
        }
    }
}
