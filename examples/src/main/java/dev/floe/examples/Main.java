package dev.floe.examples;

import clojure.java.api.Clojure;
import clojure.lang.IFn;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Floe's main job on the embedded default: an in-process cluster runs the word-count module over
 * this repository's Markdown, answers queries and follows one count with a reactive proxy, is
 * closed and opened again on its data and
 * answers the same ({@link ClusterDemo}); then the path engine
 * indexes the repository's sources and queries and transforms the index from Java
 * ({@code dev.floe.Path}) and from Clojure ({@code floe.specter}) ({@link PathsDemo}).
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // one line per log record (a retried failure is logged with its cause, not its stack trace)
        System.setProperty("java.util.logging.SimpleFormatter.format", "[%4$s] %5$s%n");
        Path root = args.length > 0 ? Path.of(args[0]) : findRoot(Path.of("").toAbsolutePath());
        System.out.println("== Floe on an embedded in-process cluster — word count over " + root);
        ClusterDemo.run(root, System.out);
        System.out.println();
        System.out.println("== Floe paths demo — indexing " + root);
        Object index = SourceIndex.build(root);
        PathsDemo.run(index, System.out);
        IFn require = Clojure.var("clojure.core", "require");
        require.invoke(Clojure.read("floe.examples.paths-demo"));
        Clojure.var("floe.examples.paths-demo", "run").invoke(index);
    }

    /** The repository root: the nearest directory up from {@code start} holding deps.edn and pom.xml. */
    static Path findRoot(Path start) {
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("deps.edn")) && Files.exists(p.resolve("pom.xml"))) {
                return p;
            }
        }
        return start;
    }
}
