package dev.floe.examples;

import dev.floe.Path;
import dev.floe.path.CompiledPath;
import dev.floe.path.PathImpl;
import dev.floe.specter.Nav;
import dev.floe.specter.Specter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Java snippets of README.md and docs/paths.md, run as written. */
class ReadmeExamplesTest {
    @Test
    void readmeJavaSnippet() {
        Map<String, Object> data = Map.of("alice", Map.of("follows", List.of("bob", "carol")));

        Nav follows = ((PathImpl) Path.key("alice", "follows").all()).compiled().nav();
        assertEquals(List.of("bob", "carol"), Specter.select(follows, data));

        Nav append = ((PathImpl) Path.key("alice", "follows").afterElem().termVal("dan")).compiled().nav();
        Object updated = Specter.multiTransform(append, data);
        assertEquals(Map.of("alice", Map.of("follows", List.of("bob", "carol", "dan"))), updated);
        assertEquals(Map.of("alice", Map.of("follows", List.of("bob", "carol"))), data);
    }

    @Test
    void pathsGuideVariables() {
        Map<String, Object> data = Map.of("alice", Map.of("followers", List.of("bob")),
                "bob", Map.of("followers", List.of("alice", "carol")));
        CompiledPath p = ((PathImpl) Path.key("*user").key("followers")).compiled();
        assertEquals(List.of("*user"), p.vars());
        assertEquals(List.of(List.of("bob")), Specter.select(p.bind("alice"), data));
        assertEquals(List.of(List.of("alice", "carol")), Specter.select(p.bind("bob"), data));
    }
}
