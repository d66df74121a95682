package dev.floe.suites;

import clojure.java.api.Clojure;
import clojure.lang.IDeref;
import dev.floe.FloeModule;
import dev.floe.builder.ModuleBuilder;
import dev.floe.examples.bank.BankTransferModule;
import dev.floe.examples.mirrors.WordStatsModule;
import dev.floe.examples.profiles.ProfilesModule;
import dev.floe.examples.timeline.TimelineModule;
import dev.floe.examples.timeseries.PageViewRollupsModule;
import dev.floe.examples.topn.TopSpendersModule;
import dev.floe.examples.wordcount.WordCountModule;
import dev.floe.ir.IrText;
import dev.floe.ir.ModuleIR;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each example module in Java ({@code examples/src/main/java}) and its Clojure twin
 * ({@code examples/src/main/clojure/floe/examples}) compile to equal IR: the two front ends say the
 * same thing, so the twin behaves as the original on any cluster.
 */
class ClojureJavaParityTest {
    /** A Java example module and the var holding its Clojure twin. */
    private record Twin(Supplier<FloeModule> java, String ns, String var) {}

    private static final Twin[] TWINS = {
        new Twin(WordCountModule::new, "floe.examples.word-count", "WordCount"),
        new Twin(BankTransferModule::new, "floe.examples.bank", "Bank"),
        new Twin(ProfilesModule::new, "floe.examples.profiles", "Profiles"),
        new Twin(PageViewRollupsModule::new, "floe.examples.timeseries", "PageViewRollups"),
        new Twin(TopSpendersModule::new, "floe.examples.topn", "TopSpenders"),
        new Twin(WordStatsModule::new, "floe.examples.mirrors", "WordStats"),
        new Twin(TimelineModule::new, "floe.examples.timeline", "Timeline"),
    };

    private static FloeModule clojureModule(String ns, String var) {
        Clojure.var("clojure.core", "require").invoke(Clojure.read(ns));
        return (FloeModule) ((IDeref) Clojure.var(ns, var)).deref();
    }

    @TestFactory
    Stream<DynamicTest> everyClojureTwinCompilesToItsJavaOriginalsIr() {
        return Stream.of(TWINS).map(t -> DynamicTest.dynamicTest(t.ns() + "/" + t.var(), () -> {
            ModuleIR java = ModuleBuilder.define(t.java().get());
            ModuleIR clojure = ModuleBuilder.define(clojureModule(t.ns(), t.var()));
            if (!java.equals(clojure)) {
                // the text forms first (origins, which never take part in equality, removed), so a
                // difference shows where it is; equal IR may still print differently (a Java list
                // and a Clojure vector literal are equal values with different tags)
                assertEquals(withoutOrigins(IrText.print(java)), withoutOrigins(IrText.print(clojure)));
            }
            assertEquals(java, clojure);
        }));
    }

    private static String withoutOrigins(String text) {
        return text.replaceAll("#floe/origin \"[^\"]*\"", "#floe/origin _");
    }
}
