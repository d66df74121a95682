package dev.floe.specter;

import dev.floe.testing.ClojureTests;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The Clojure suites of this module: floe.specter's behaviour and the navigator laws. */
class SpecterClojureSuiteTest {
    @TestFactory
    Stream<DynamicNode> clojureSuites() {
        return ClojureTests.run(List.of("floe.specter", "floe.specter.impl"),
                ClojureTests.discover(Path.of("target/test-classes")));
    }
}
