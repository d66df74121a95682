package dev.floe.path;

import static dev.floe.path.PathTesting.arrayList;
import static dev.floe.path.PathTesting.cMap;
import static dev.floe.path.PathTesting.cVec;
import static dev.floe.path.PathTesting.hashMap;
import static dev.floe.path.PathTesting.list;
import static dev.floe.path.PathTesting.select;
import static dev.floe.path.PathTesting.selectBound;
import static dev.floe.path.PathTesting.transform;
import static dev.floe.path.PathTesting.transformChecked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.Path;
import dev.floe.specter.PathException;

import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** collect, collectOne, putCollected, isCollected, dispenseCollected: select returns [collected…, value]. */
class CollectedValuesTest {
    private static final Object USERS = cVec(
            cMap("id", 1, "tags", cVec("x", "y")),
            cMap("id", 2, "tags", cVec("z")));

    @Test
    void collectOneTravelsAlongsideEveryValue() {
        assertEquals(list(list(1, "x"), list(1, "y"), list(2, "z")),
                select(Path.all().collectOne(Path.key("id")).key("tags").all(), USERS));
    }

    @Test
    void collectGathersEverythingTheSubPathSelects() {
        assertEquals(list(list(list("x", "y"), 1), list(list("z"), 2)),
                select(Path.all().collect(Path.key("tags").all()).key("id"), USERS));
        assertEquals(list(list(list(), 5)), select(Path.collect(Path.stop()), 5), "nothing selected: an empty list");
    }

    @Test
    void putCollectedAddsConstantsAndVariables() {
        assertEquals(list(list("a", "b", 7)), select(Path.putCollected("a").putCollected("b"), 7));
        assertEquals(list(list("bound", 7)), selectBound(Path.putCollected("*v"), 7, "bound"));
        assertEquals(list(list(null, 7)), select(Path.putCollected(null), 7), "null is collected too");
    }

    @Test
    void collectedValuesKeepTheirOrder() {
        assertEquals(list(list(1, list(1, 2), "p", 3)),
                select(Path.collectOne(Path.first()).collect(Path.sublist(0, 2).all()).putCollected("p").last(), arrayList(1, 2, 3)));
    }

    @Test
    void dispenseCollectedDropsThem() {
        assertEquals(list("x", "y", "z"), select(Path.all().collectOne(Path.key("id")).dispenseCollected().key("tags").all(), USERS));
        assertEquals(list(list("after", 1)),
                select(Path.putCollected("before").dispenseCollected().putCollected("after").stay(), 1));
        assertEquals(list(5), select(Path.dispenseCollected(), 5), "nothing to drop");
    }

    @Test
    void isCollectedFiltersOnTheCollectedValues() {
        assertEquals(list(list(2, "z")),
                select(Path.all().collectOne(Path.key("id")).isCollected((Integer id) -> id > 1).key("tags").all(), USERS));
        assertEquals(list(list(1, "x")),
                select(Path.all().collectOne(Path.key("id")).key("tags").all().isCollected((Integer id) -> id == 1)
                        .filterEqual("x"), USERS));
    }

    @Test
    void collectOneNeedsExactlyOneValue() {
        // Rama's collectOne (and collect-one) fails unless the sub-path selects exactly one value.
        PathException none = assertThrows(PathException.class, () -> select(Path.collectOne(Path.must("zz")).stay(), hashMap()));
        assertTrue(none.getMessage().contains("collectOne"), none.getMessage());
        assertThrows(PathException.class, () -> select(Path.collectOne(Path.all()), arrayList(1, 2)));
        assertThrows(PathException.class, () -> transform(Path.collectOne(Path.all()).termVal(0), arrayList(1, 2)));
        assertEquals(list(Arrays.asList(null, Map.of())), select(Path.collectOne(Path.key("zz")), hashMap()),
                "a key of a missing key selects one value, null");
    }

    @Test
    void transformsSeeCollectedValuesButTermValIgnoresThem() {
        Object out = transformChecked(Path.all().collectOne(Path.key("id")).key("name").termVal("set"),
                () -> arrayList(hashMap("id", 1), hashMap("id", 2)));
        assertEquals(list(Map.of("id", 1, "name", "set"), Map.of("id", 2, "name", "set")), out);
        Object filtered = transformChecked(Path.all().collectOne(Path.key("id")).isCollected((Integer id) -> id == 2)
                .key("name").termVal("two"), () -> arrayList(hashMap("id", 1), hashMap("id", 2)));
        assertEquals(list(Map.of("id", 1), Map.of("id", 2, "name", "two")), filtered);
    }

    @Test
    void termAfterDispenseSeesOnlyTheValue() {
        assertEquals(Map.of("a", 2, "b", 1), transform(Path.collectOne(Path.key("b")).dispenseCollected().key("a")
                .term((Integer x) -> x + 1), hashMap("a", 1, "b", 1)));
    }
}
