package dev.floe.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The main job's computations on a small tree whose answers are known. */
class PathsDemoTest {
    @TempDir
    Path root;

    private void write(String rel, int lines) throws IOException {
        Path f = root.resolve(rel);
        Files.createDirectories(f.getParent());
        Files.writeString(f, "x\n".repeat(lines - 1) + "x", StandardCharsets.UTF_8);
    }

    private Object index() throws IOException {
        write("core/src/main/java/a/A.java", 10);
        write("core/src/main/java/a/B.java", 500);
        write("core/src/test/java/a/ATest.java", 30);
        write("paths/src/main/java/p/P.java", 20);
        write("paths/src/main/clojure/p.clj", 7);
        write("paths/target/Gen.java", 1000);
        write(".hidden/X.java", 1000);
        return SourceIndex.build(root);
    }

    @Test
    void totalsSkipBuildOutputAndHiddenDirectories() throws IOException {
        Object index = index();
        assertEquals(560, PathsDemo.totalLines(index, "java"));
        assertEquals(7, PathsDemo.totalLines(index, "clojure"));
    }

    @Test
    void largestFirst() throws IOException {
        List<List<Object>> top = PathsDemo.largest(index(), "java", 2);
        assertEquals(List.of(List.of("core/src/main/java/a/B.java", 500), List.of("core/src/test/java/a/ATest.java", 30)),
                top);
    }

    @Test
    void rangeReadFromPrefix() throws IOException {
        Map<String, Object> files = PathsDemo.filesFrom(index(), "java", "core", "src/main/java/a/B", 5);
        assertEquals(List.of("src/main/java/a/B.java", "src/test/java/a/ATest.java"), List.copyOf(files.keySet()));
    }

    @Test
    void transformsLeaveTheIndexUnchanged() throws IOException {
        Object index = index();
        Object marked = PathsDemo.markLarge(index, 100);
        assertEquals(560, PathsDemo.totalLines(PathsDemo.withoutTests(index), "java") + 30);
        assertTrue(marked.toString().contains("large=true"));
        assertTrue(!index.toString().contains("large"));
    }

    @Test
    void compiledPathBoundPerModule() throws IOException {
        Object index = index();
        var p = PathsDemo.filesPerModulePath("java");
        assertEquals(3, PathsDemo.filesIn(p, index, "core"));
        assertEquals(1, PathsDemo.filesIn(p, index, "paths"));
        assertEquals(0, PathsDemo.filesIn(p, index, "missing"));
    }

    @Test
    void demoPrintsBothHalves() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PathsDemo.run(index(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("core/src/main/java/a/B.java"), out);
    }
}
