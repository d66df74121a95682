package dev.floe.examples;

import clojure.java.api.Clojure;
import clojure.lang.IFn;
import dev.floe.FloeModule;
import dev.floe.builder.ModuleBuilder;
import dev.floe.examples.wordcount.WordCountModule;
import dev.floe.ir.IrText;
import dev.floe.ir.ModuleIR;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each Clojure twin of an example module compiles to exactly the IR of its Java original. */
class ClojureTwinsParityTest {
    private static FloeModule clojureModule(String ns, String var) {
        IFn require = Clojure.var("clojure.core", "require");
        require.invoke(Clojure.read(ns));
        return (FloeModule) ((clojure.lang.IDeref) Clojure.var(ns, var)).deref();
    }

    private static void assertSameIr(FloeModule java, FloeModule clojure) {
        ModuleIR a = ModuleBuilder.define(java);
        ModuleIR b = ModuleBuilder.define(clojure);
        // the text form first (origins, which never take part in equality, removed), so a
        // difference shows where it is
        assertEquals(withoutOrigins(IrText.print(a)), withoutOrigins(IrText.print(b)));
        assertEquals(a, b);
    }

    private static String withoutOrigins(String text) {
        return text.replaceAll("#floe/origin \"[^\"]*\"", "#floe/origin _");
    }

    @Test
    void wordCount() {
        assertSameIr(new WordCountModule(), clojureModule("floe.examples.word-count", "WordCount"));
    }
}
