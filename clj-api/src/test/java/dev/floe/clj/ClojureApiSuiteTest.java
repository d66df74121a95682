package dev.floe.clj;

import dev.floe.testing.ClojureTests;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The Clojure suites of floe.core, floe.path, floe.aggs, floe.ops and floe.test. */
class ClojureApiSuiteTest {
    @TestFactory
    Stream<DynamicNode> clojureSuites() {
        return ClojureTests.run(List.of("floe.core", "floe.path", "floe.aggs", "floe.ops", "floe.test", "floe.impl.dataflow",
                "floe.impl.names"), ClojureTests.discover(Path.of("target/test-classes")));
    }
}
