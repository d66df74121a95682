package dev.floe.path;

import static dev.floe.path.PathTesting.hashSet;
import static dev.floe.path.PathTesting.list;
import static dev.floe.path.PathTesting.select;
import static dev.floe.path.PathTesting.selectBound;
import static dev.floe.path.PathTesting.transform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.floe.specter.PathException;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The "subset" and "indexedVals" path steps (recorded by floe.path's subset and INDEXED-VALS; the
 * Java Path builder has no method for them, as Rama's has none): they compile to the engine's
 * navigators, with variables among a subset's members bound per event.
 */
class SubsetIndexedValsStepsTest {
    private static PathImpl step(PathImpl p, String op, Object... args) {
        return PathImpl.withStep(p, new PathStep(op, args));
    }

    @Test
    void subsetSelectsThePresentMembers() {
        PathImpl p = step(PathImpl.EMPTY, "subset", (Object) new Object[] {1, 3, 9});
        assertEquals(list(Set.of(1, 3)), select(p, hashSet(1, 2, 3)));
    }

    @Test
    void subsetTransformReplacesThem() {
        PathImpl p = step(step(PathImpl.EMPTY, "subset", (Object) new Object[] {1, 2}), "termVal", Set.of(7));
        assertEquals(Set.of(3, 7), transform(p, hashSet(1, 2, 3)));
    }

    @Test
    void subsetMembersMayBeVariablesOrOneCollectionVariable() {
        PathImpl members = step(PathImpl.EMPTY, "subset", (Object) new Object[] {"*a", 2});
        assertEquals(list(Set.of(1, 2)), selectBound(members, hashSet(1, 2, 3), 1));
        PathImpl whole = step(PathImpl.EMPTY, "subset", "*s");
        assertEquals(list(Set.of(2, 3)), selectBound(whole, hashSet(1, 2, 3), List.of(2, 3, 4)));
        assertThrows(PathException.class, () -> selectBound(whole, hashSet(1), 5));
    }

    @Test
    void indexedValsNavigatesIndexElementPairs() {
        PathImpl p = step(PathImpl.EMPTY, "indexedVals");
        assertEquals(list(list(0, "a"), list(1, "b")), select(p, list("a", "b")));
        PathImpl swap = step(step(PathImpl.EMPTY, "indexedVals"), "term",
                (dev.floe.ops.FloeFunction1<List<Object>, List<Object>>) pair -> List.of(pair.get(0), "x" + pair.get(1)));
        assertEquals(list("xa", "xb"), transform(swap, list("a", "b")));
    }
}
