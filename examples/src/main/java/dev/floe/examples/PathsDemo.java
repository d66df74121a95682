package dev.floe.examples;

import dev.floe.Path;
import dev.floe.SortedRangeFromOptions;
import dev.floe.path.CompiledPath;
import dev.floe.path.PathImpl;
import dev.floe.specter.Nav;
import dev.floe.specter.Specter;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Paths doing real work on the source index: the reads and writes a PState would serve, here on
 * plain Java collections. Every result is computed, nothing is canned.
 */
public final class PathsDemo {
    private PathsDemo() {}

    static Nav nav(Path p) {
        return ((PathImpl) p).compiled().nav();
    }

    /** Every value the path navigates to (a Clojure vector, which is a java.util.List). */
    @SuppressWarnings("unchecked")
    static List<Object> select(Nav nav, Object data) {
        return (List<Object>) (Object) Specter.select(nav, data);
    }

    /** The number of lines of every file, per language (a select with ALL-style navigators). */
    @SuppressWarnings("unchecked")
    static long totalLines(Object index, String lang) {
        List<Object> lines = select(nav(Path.key(lang).mapVals().mapVals().key("lines")), index);
        long sum = 0;
        for (Object n : lines) {
            sum += ((Number) n).longValue();
        }
        return sum;
    }

    /** The {@code n} largest files, as [module/path, lines], largest first. */
    @SuppressWarnings("unchecked")
    static List<List<Object>> largest(Object index, String lang, int n) {
        // collect the module name alongside every [path, stats] entry of that module
        List<Object> rows = select(nav(Path.key(lang).all()
                .collectOne(Path.first()).last().all()), index);
        List<List<Object>> out = new ArrayList<>();
        for (Object r : rows) {
            List<Object> row = (List<Object>) r;
            List<Object> entry = (List<Object>) row.get(1);
            Map<String, Object> stats = (Map<String, Object>) entry.get(1);
            out.add(List.of(row.get(0) + "/" + entry.get(0), stats.get("lines")));
        }
        out.sort(Comparator.comparing((List<Object> r) -> ((Number) r.get(1)).intValue()).reversed());
        return out.subList(0, Math.min(n, out.size()));
    }

    /** Up to {@code max} files of a module at or after a path prefix, in path order (a range read). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> filesFrom(Object index, String lang, String module, String prefix, int max) {
        return (Map<String, Object>) Specter.selectOne(nav(Path.key(lang, module)
                .sortedMapRangeFrom(prefix, SortedRangeFromOptions.maxAmt(max))), index);
    }

    /** Marks every file over {@code threshold} lines with {@code "large" -> true} (a transform). */
    static Object markLarge(Object index, int threshold) {
        return Specter.multiTransform(nav(Path.mapVals().mapVals().mapVals()
                .filterPred((Map<String, Object> s) -> ((Number) s.get("lines")).intValue() > threshold)
                .key("large").termVal(true)), index);
    }

    /** Removes every test source (a transform with termVoid). */
    static Object withoutTests(Object index) {
        return Specter.multiTransform(nav(Path.mapVals().mapVals().all()
                .filterPred((List<Object> e) -> ((String) e.get(0)).contains("/test/")).termVoid()), index);
    }

    /** Counts files per module with a path compiled once and bound per module (late-bound variable). */
    static int filesIn(CompiledPath perModule, Object index, String module) {
        return ((Number) Specter.selectOne(perModule.bind(module), index)).intValue();
    }

    static CompiledPath filesPerModulePath(String lang) {
        return ((PathImpl) Path.key(lang).key("*module").nullToVal(Map.of())
                .view((Map<?, ?> m) -> m.size())).compiled();
    }

    /** Prints the demo. */
    @SuppressWarnings("unchecked")
    public static void run(Object index, PrintStream out) {
        out.println("== Java: dev.floe.Path over a java.util index of this repository ==");
        for (String lang : List.of("java", "clojure", "markdown")) {
            out.printf("  %-9s %6d lines%n", lang, totalLines(index, lang));
        }
        out.println("  largest Java files:");
        for (List<Object> r : largest(index, "java", 5)) {
            out.printf("    %5s  %s%n", r.get(1), r.get(0));
        }
        String prefix = "src/main/java/dev/floe/specter/impl/";
        out.println("  first 3 files of specter-paths from " + prefix + " (sortedMapRangeFrom):");
        for (Map.Entry<String, Object> e : filesFrom(index, "java", "specter-paths", prefix, 3).entrySet()) {
            out.println("    " + e.getKey() + "  " + ((Map<String, Object>) e.getValue()).get("lines") + " lines");
        }
        Object marked = markLarge(index, 400);
        int large = select(nav(Path.mapVals().mapVals().mapVals().must("large")), marked).size();
        out.println("  files over 400 lines, marked by one transform: " + large);
        Object noTests = withoutTests(index);
        out.println("  Java lines without test sources: " + totalLines(noTests, "java")
                + " (of " + totalLines(index, "java") + "; the original index is unchanged)");
        CompiledPath perModule = filesPerModulePath("java");
        out.println("  Java files per module, one compiled path bound to *module:");
        List<Object> modules = new ArrayList<>(select(nav(Path.key("java").mapKeys()), index));
        modules.sort(Comparator.comparing(Object::toString));
        for (Object m : modules) {
            out.printf("    %-14s %d%n", m, filesIn(perModule, index, (String) m));
        }
    }
}
