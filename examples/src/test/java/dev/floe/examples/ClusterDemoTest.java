package dev.floe.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The main job's cluster part on a small tree of Markdown files. */
class ClusterDemoTest {
    @Test
    void countsTheMarkdownAndAnswersQueries(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.md"), "Floe runs floe modules.\nPaths and paths.\n");
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/b.md"), "More floe here.\n");
        Files.createDirectories(dir.resolve("target"));
        Files.writeString(dir.resolve("target/skip.md"), "floe floe floe\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long floe = ClusterDemo.run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(3, floe, "build output is skipped");
        assertTrue(out.contains("appended 3 lines"), out);
        assertTrue(out.contains("query count(\"floe\") = 3; PState client $$counts selectOne(key \"floe\") = 3"), out);
        assertTrue(out.contains("query distinctWords = 7"), out);
        assertTrue(java.util.regex.Pattern.compile("proxy on \\$\\$counts key \"floe\": holds 3 after [1-3] pushed diffs"
                + " \\(the last: NewValueDiff\\(3\\)\\)").matcher(out).find(), out);
        assertTrue(out.contains("after the restart: query count(\"floe\") = 3; query totalFunds = 4000"), out);
    }
}
