package dev.floe.testing;

import clojure.java.api.Clojure;
import clojure.lang.IFn;
import clojure.lang.Keyword;
import clojure.lang.Symbol;
import clojure.lang.Var;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs Clojure test namespaces ({@code clojure.test}, test.check {@code defspec}) inside the Maven
 * build: one JUnit dynamic test per test var, so failures are reported by name. A test var that
 * makes no assertion fails (a test that cannot fail is a defect), and loading the namespaces under
 * test must print no reflection warning.
 */
public final class ClojureTests {
    private ClojureTests() {}

    private static final IFn REQUIRE = Clojure.var("clojure.core", "require");

    /** The namespaces of every {@code *_test.clj} file under {@code root}. */
    public static List<String> discover(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith("_test.clj"))
                    .map(p -> root.relativize(p).toString())
                    .map(s -> s.substring(0, s.length() - ".clj".length()).replace('/', '.').replace('_', '-'))
                    .sorted()
                    .collect(java.util.stream.Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A test asserting that loading {@code mainNamespaces} prints no reflection warning, followed by
     * one container per test namespace.
     */
    public static Stream<DynamicNode> run(List<String> mainNamespaces, List<String> testNamespaces) {
        REQUIRE.invoke(Symbol.intern("floe.testing.runner"));
        IFn load = Clojure.var("floe.testing.runner", "load-capturing-warnings");
        IFn vars = Clojure.var("floe.testing.runner", "test-vars");
        IFn runVar = Clojure.var("floe.testing.runner", "run-var");

        List<DynamicNode> nodes = new ArrayList<>();
        Object mainWarnings = load.invoke(symbols(mainNamespaces));
        nodes.add(DynamicTest.dynamicTest("no reflection warnings in " + mainNamespaces,
                () -> assertEquals(List.of(), mainWarnings, "reflection warnings while loading")));
        for (String ns : testNamespaces) {
            Object warnings;
            try {
                warnings = load.invoke(symbols(List.of(ns)));
            } catch (RuntimeException | Error e) {
                nodes.add(DynamicTest.dynamicTest(ns + " loads", () -> {
                    throw e;
                }));
                continue;
            }
            List<DynamicNode> tests = new ArrayList<>();
            tests.add(DynamicTest.dynamicTest("no reflection warnings",
                    () -> assertEquals(List.of(), warnings, "reflection warnings while loading " + ns)));
            for (Object o : (List<?>) vars.invoke(Symbol.intern(ns))) {
                Var v = (Var) o;
                tests.add(DynamicTest.dynamicTest(v.sym.getName(), () -> {
                    Map<?, ?> r = (Map<?, ?>) runVar.invoke(v);
                    long pass = ((Number) r.get(Keyword.intern("pass"))).longValue();
                    long failures = ((Number) r.get(Keyword.intern("fail"))).longValue()
                            + ((Number) r.get(Keyword.intern("error"))).longValue();
                    if (failures > 0) {
                        fail(ns + "/" + v.sym + ": " + failures + " failure(s)\n" + r.get(Keyword.intern("out")));
                    }
                    assertTrue(pass > 0, ns + "/" + v.sym + " made no assertion");
                }));
            }
            nodes.add(DynamicContainer.dynamicContainer(ns, tests));
        }
        return nodes.stream();
    }

    private static Object symbols(List<String> names) {
        List<Object> syms = new ArrayList<>();
        for (String n : names) {
            syms.add(Symbol.intern(n));
        }
        return clojure.lang.PersistentVector.create(syms);
    }
}
