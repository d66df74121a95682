package dev.floe.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Files of stored modules: names of modules, depots and PStates made safe as file names. */
public final class ModuleFiles {
    private ModuleFiles() {}

    /** A file name for a name: URL-encoded, with {@code *} escaped too, and never {@code .} or {@code ..}. */
    public static String fileName(String name) {
        String s = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("*", "%2A");
        if (s.equals(".") || s.equals("..")) {
            s = s.replace(".", "%2E");
        }
        return s;
    }

    /** The name a {@link #fileName} stands for. */
    public static String name(String fileName) {
        return URLDecoder.decode(fileName, StandardCharsets.UTF_8);
    }

    /** Deletes a directory and everything in it (nothing when it does not exist). */
    public static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + p, e);
        }
    }
}
