package dev.floe.repl;

import dev.floe.testing.ClojureTests;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The Clojure suites of floe.repl. */
class ReplToolsSuiteTest {
    @TestFactory
    Stream<DynamicNode> clojureSuites() {
        return ClojureTests.run(List.of("floe.repl"), ClojureTests.discover(Path.of("target/test-classes")));
    }
}
