package dev.floe.examples;

import dev.floe.testing.ClojureTests;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Clojure twins of the example modules, run on in-process clusters by their Clojure tests
 * ({@code floe.examples.*-test}); their IR parity with the Java modules is checked in the
 * {@code test} module ({@code dev.floe.suites.ClojureJavaParityTest}).
 */
class ClojureTwinsSuiteTest {
    @TestFactory
    Stream<DynamicNode> clojureSuites() {
        return ClojureTests.run(List.of("floe.examples.word-count", "floe.examples.bank", "floe.examples.profiles",
                "floe.examples.timeseries", "floe.examples.topn", "floe.examples.mirrors", "floe.examples.timeline"),
                ClojureTests.discover(Path.of("target/test-classes")));
    }
}
