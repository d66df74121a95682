package dev.floe.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds the demo's data set from real files: an index of a source tree shaped like a PState,
 * {@code {language {module (sorted path -> {"lines" n, "bytes" n, "todo" n})}}}, in plain
 * {@code java.util} collections (the inner maps are {@code TreeMap}s, so range navigators apply).
 */
public final class SourceIndex {
    private SourceIndex() {}

    /** The language of a file, or null for files the index skips. */
    static String language(String fileName) {
        if (fileName.endsWith(".java")) {
            return "java";
        }
        if (fileName.endsWith(".clj") || fileName.endsWith(".cljc") || fileName.endsWith(".edn")) {
            return "clojure";
        }
        if (fileName.endsWith(".md")) {
            return "markdown";
        }
        return null;
    }

    /** Indexes every source file under {@code root}, skipping build output and hidden directories. */
    public static Map<String, Map<String, TreeMap<String, Map<String, Object>>>> build(Path root) {
        Map<String, Map<String, TreeMap<String, Map<String, Object>>>> index = new HashMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !skipped(root.relativize(p)))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path f : files) {
            String lang = language(f.getFileName().toString());
            if (lang == null) {
                continue;
            }
            Path rel = root.relativize(f);
            String module = rel.getNameCount() > 1 ? rel.getName(0).toString() : "(root)";
            String within = rel.getNameCount() > 1 ? rel.subpath(1, rel.getNameCount()).toString() : rel.toString();
            index.computeIfAbsent(lang, k -> new HashMap<>())
                    .computeIfAbsent(module, k -> new TreeMap<>())
                    .put(within, stats(f));
        }
        return index;
    }

    private static boolean skipped(Path rel) {
        for (Path part : rel) {
            String s = part.toString();
            if (s.equals("target") || s.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Object> stats(Path f) {
        try {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            Map<String, Object> m = new HashMap<>();
            m.put("lines", text.isEmpty() ? 0 : text.split("\n", -1).length);
            m.put("bytes", (long) text.getBytes(StandardCharsets.UTF_8).length);
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
