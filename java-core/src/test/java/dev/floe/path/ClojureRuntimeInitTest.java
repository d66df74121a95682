package dev.floe.path;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.floe.Path;
import dev.floe.specter.Specter;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * A JVM whose first contact with Clojure is a sorted range (which touches PersistentTreeMap) must
 * still work: Clojure's runtime has to be loaded before its sorted collections. Runs in a fresh
 * JVM, since this test JVM has long loaded Clojure.
 */
class ClojureRuntimeInitTest {

    /** The program run in the fresh JVM: no Clojure class is touched before the path runs. */
    public static final class FirstContact {
        private FirstContact() {}

        public static void main(String[] args) {
            Object map = Specter.select(((PathImpl) Path.sortedMapRangeFrom(1)).compiled().nav(), null);
            Object set = Specter.select(((PathImpl) Path.sortedSetRangeTo(1, 2)).compiled().nav(), null);
            System.out.print(map + " " + set);
        }
    }

    @Test
    void aSortedRangeAsTheFirstClojureContactWorks() throws IOException, InterruptedException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), FirstContact.class.getName()))
                .redirectErrorStream(true)
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the child JVM did not finish");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertEquals("[{}] [#{}]", out);
    }
}
