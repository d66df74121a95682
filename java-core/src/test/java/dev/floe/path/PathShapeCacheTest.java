package dev.floe.path;

import clojure.lang.RT;
import dev.floe.Constant;
import dev.floe.Path;
import dev.floe.specter.PathException;
import dev.floe.specter.Specter;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Oracle test of {@link PathCompiler#navFor}: a variable-free path navigated through its cached
 * shape (key literals as parameters) selects and transforms exactly what the path compiled on
 * its own does.
 */
class PathShapeCacheTest {
    /** Nested maps {k -> {k -> [v …]}} over small integer and string keys. */
    private static final Object DATA = RT.map(
            1L, RT.map("a", RT.vector(1L, 2L), "b", RT.vector()),
            2L, RT.map("a", RT.vector(3L)),
            "x", RT.map(1L, RT.vector(4L, 5L, 6L)));

    @Provide
    Arbitrary<Path> paths() {
        Arbitrary<Object> key = Arbitraries.of(1L, 2L, 3L, "a", "b", "x", 1, "nope");
        Arbitrary<Path> step = Arbitraries.oneOf(
                key.map(k -> Path.key(k)),
                key.map(k -> Path.must(k)),
                key.list().ofMinSize(2).ofMaxSize(3).map(ks -> Path.key(ks.toArray())),
                key.map(k -> Path.key(new Constant(k))),
                Arbitraries.just(Path.all()),
                Arbitraries.just(Path.mapVals()),
                Arbitraries.just(Path.first()),
                Arbitraries.just(Path.nullToVal(RT.map())));
        return step.list().ofMinSize(1).ofMaxSize(4).map(PathShapeCacheTest::concat);
    }

    private static Path concat(List<Path> parts) {
        PathImpl out = PathImpl.EMPTY;
        for (Path p : parts) {
            for (PathStep s : ((PathImpl) p).steps()) {
                out = PathImpl.withStep(out, s);
            }
        }
        return out;
    }

    private static Object run(java.util.function.Supplier<Object> f) {
        try {
            return f.get();
        } catch (RuntimeException e) {
            return e.getClass().getName(); // the same failure either way
        }
    }

    @Property(tries = 400)
    void theShapeSelectsAndTransformsAsThePathItself(@ForAll("paths") Path p) {
        PathImpl path = (PathImpl) p;
        Object expectedSelect = run(() -> Specter.select(path.compiled().nav(), DATA));
        Object viaShapeSelect = run(() -> Specter.select(PathCompiler.navFor(path), DATA));
        assertEquals(expectedSelect, viaShapeSelect, path.toString());
        Object expectedTransform = run(() -> Specter.setval(path.compiled().nav(), "!", DATA));
        Object viaShapeTransform = run(() -> Specter.setval(PathCompiler.navFor(path), "!", DATA));
        assertEquals(expectedTransform, viaShapeTransform, path + " setval");
    }

    @Test
    void pathsOfOneShapeShareOneCompilation() {
        List<Object> got = new ArrayList<>();
        int before = PathCompiler.shapesCached();
        for (long k = 1; k <= 3; k++) {
            got.add(Specter.select(PathCompiler.navFor((PathImpl) Path.key(k, "a").all()), DATA));
        }
        assertEquals(List.of(List.of(1L, 2L), List.of(3L), List.of()), got);
        assertTrue(PathCompiler.shapesCached() <= before + 1, "one shape for key(k, \"a\").all()");
    }

    @Test
    void aPathWithAVariableStillSaysItIsUnbound() {
        PathException e = assertThrows(PathException.class, () -> PathCompiler.navFor((PathImpl) Path.key("*k")));
        assertTrue(e.getMessage().contains("*k"), e.getMessage());
    }
}
