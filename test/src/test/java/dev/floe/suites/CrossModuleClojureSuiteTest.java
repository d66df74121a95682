package dev.floe.suites;

import dev.floe.testing.ClojureTests;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The Clojure suites that span modules: the build's own files (deps.edn) and parity checks. */
class CrossModuleClojureSuiteTest {
    @TestFactory
    Stream<DynamicNode> clojureSuites() {
        return ClojureTests.run(List.of("floe.specter"), ClojureTests.discover(Path.of("target/test-classes")));
    }
}
