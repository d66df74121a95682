package dev.floe.path;

import static dev.floe.path.PathTesting.arrayList;
import static dev.floe.path.PathTesting.compiled;
import static dev.floe.path.PathTesting.hashMap;
import static dev.floe.path.PathTesting.list;
import static dev.floe.path.PathTesting.roundTrip;
import static dev.floe.path.PathTesting.select;
import static dev.floe.path.PathTesting.selectBound;
import static dev.floe.path.PathTesting.transform;
import static dev.floe.path.PathTesting.transformChecked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.floe.Navigator;
import dev.floe.Path;
import dev.floe.specter.PathException;
import dev.floe.specter.Specter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The Navigator SPI: customNav, customNavBuilder, Navigator.VOID. */
class CustomNavigatorTest {

    /** Every element of a list; a VOID result removes the element. */
    static final class Elements implements Navigator<List<Object>> {
        private static final long serialVersionUID = 1L;

        @Override
        public Object select(List<Object> obj, Next next) {
            Object last = VOID;
            for (Object o : obj) {
                last = next.invokeNext(o);
            }
            return last;
        }

        @Override
        public List<Object> transform(List<Object> obj, Next next) {
            List<Object> out = new ArrayList<>();
            for (Object o : obj) {
                Object r = next.invokeNext(o);
                if (r != VOID) {
                    out.add(r);
                }
            }
            return out;
        }

        @Override
        public String toString() {
            return "Elements";
        }
    }

    /** The pair {@code [x, x]} of a number, as two values: select twice, transform writes the sum of both results. */
    static final class Twice implements Navigator<Integer> {
        private static final long serialVersionUID = 1L;

        @Override
        public Object select(Integer obj, Next next) {
            next.invokeNext(obj);
            return next.invokeNext(obj);
        }

        @Override
        public Integer transform(Integer obj, Next next) {
            return (Integer) next.invokeNext(obj) + (Integer) next.invokeNext(obj);
        }
    }

    /** Navigates nowhere. */
    static final class Nowhere implements Navigator<Object> {
        private static final long serialVersionUID = 1L;

        @Override
        public Object select(Object obj, Next next) {
            return VOID;
        }

        @Override
        public Object transform(Object obj, Next next) {
            return obj;
        }
    }

    /** A void place: passes VOID on (select) and appends what the rest of the path returns (transform). */
    static final class Append implements Navigator<List<Object>> {
        private static final long serialVersionUID = 1L;

        @Override
        public Object select(List<Object> obj, Next next) {
            return next.invokeNext(VOID);
        }

        @Override
        public List<Object> transform(List<Object> obj, Next next) {
            Object r = next.invokeNext(VOID);
            if (r == VOID) {
                return obj;
            }
            List<Object> out = new ArrayList<>(obj);
            out.add(r);
            return out;
        }
    }

    /** Records the values it was asked to navigate. */
    static final class Recording implements Navigator<List<Object>> {
        private static final long serialVersionUID = 1L;
        final List<Object> visited = new ArrayList<>();

        @Override
        public Object select(List<Object> obj, Next next) {
            Object last = VOID;
            for (Object o : obj) {
                visited.add(o);
                last = next.invokeNext(o);
            }
            return last;
        }

        @Override
        public List<Object> transform(List<Object> obj, Next next) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void voidIsTheEnginesNothing() {
        assertSame(Specter.NONE, Navigator.VOID);
    }

    @Test
    void selectVisitsEveryValue() {
        assertEquals(list(1, 2, 3), select(Path.customNav(new Elements()), arrayList(1, 2, 3)));
        assertEquals(list(5, 5), select(Path.customNav(new Twice()), 5));
        assertEquals(list(), select(Path.customNav(new Nowhere()), 5));
        assertEquals(list(), select(Path.customNav(new Append()), arrayList(1)), "selecting a void place selects nothing");
    }

    @Test
    void customNavigatorsComposeWithOtherNavigators() {
        Object data = hashMap("xs", arrayList(hashMap("n", 1), hashMap("n", 2)));
        assertEquals(list(1, 2), select(Path.key("xs").customNav(new Elements()).key("n"), data));
        assertEquals(list(2), select(Path.key("xs").customNav(new Elements()).key("n").filterGreaterThan(1), data));
        assertEquals(list(list(1, 2)), select(Path.subselect(Path.key("xs").customNav(new Elements()).key("n")), data));
    }

    @Test
    void transformReplacesAndRemoves() {
        assertEquals(list(10, 20, 30), transformChecked(Path.customNav(new Elements()).term((Integer x) -> x * 10),
                () -> arrayList(1, 2, 3)));
        assertEquals(list(1, 3), transformChecked(Path.customNav(new Elements()).filterEqual(2).termVoid(),
                () -> arrayList(1, 2, 3)), "VOID from the rest of the path removes");
        assertEquals(12, transform(Path.customNav(new Twice()).term((Integer x) -> x + 1), 5));
        assertEquals(5, transform(Path.customNav(new Nowhere()).termVal(0), 5));
        assertEquals(list(1, 2), transformChecked(Path.customNav(new Append()).termVal(2), () -> arrayList(1)));
        assertEquals(Map.of("xs", list(1, 9)),
                transformChecked(Path.key("xs").customNav(new Append()).termVal(9), () -> hashMap("xs", arrayList(1))));
    }

    @Test
    void collectedValuesPassThroughCustomNavigators() {
        assertEquals(list(list("c", 1), list("c", 2)), select(Path.putCollected("c").customNav(new Elements()), arrayList(1, 2)));
        assertEquals(list(list(list(1, 2), 1), list(list(1, 2), 2)),
                select(Path.collectOne(Path.stay()).customNav(new Elements()), arrayList(1, 2)));
    }

    @Test
    void filterSelectedStopsAtTheFirstMatchOfACustomNavigator() {
        // the rest of the path matches the first element only; a navigator that returns its last
        // result must still count as having selected something
        assertEquals(list(list(1, 2)), select(Path.filterSelected(Path.customNav(new Elements()).filterEqual(1)), arrayList(1, 2)));
        assertEquals(list(), select(Path.filterSelected(Path.customNav(new Elements()).filterEqual(3)), arrayList(1, 2)));
        assertEquals(list(), select(Path.filterNotSelected(Path.customNav(new Elements()).filterEqual(1)), arrayList(1, 2)));
        assertEquals(list("yes"), select(Path.ifPath(Path.customNav(new Elements()).filterEqual(1), Path.view((Object x) -> "yes"),
                Path.view((Object x) -> "no")), arrayList(1, 2)));
    }

    @Test
    void selectFirstAndSelectAnyStopEarly() {
        Recording rec = new Recording();
        Object first = Specter.selectFirst(compiled(Path.customNav(rec)).nav(), arrayList(1, 2, 3));
        assertEquals(1, first);
        assertEquals(list(1, 2, 3), rec.visited, "a user navigator may keep looping; the rest of the path is not run again");
        assertTrue(Specter.selectedAny(compiled(Path.customNav(new Elements()).filterEqual(1)).nav(), arrayList(1, 2)));
        assertEquals(2, Specter.selectAny(compiled(Path.customNav(new Elements()).filterGreaterThan(1)).nav(), arrayList(1, 2, 3)));
    }

    @Test
    void customNavBuilderBuildsFromRuntimeValues() {
        Path p = Path.customNavBuilder((Integer n) -> new Navigator<List<Object>>() {
            private static final long serialVersionUID = 1L;

            @Override
            public Object select(List<Object> obj, Next next) {
                return next.invokeNext(obj.get(n));
            }

            @Override
            public List<Object> transform(List<Object> obj, Next next) {
                List<Object> out = new ArrayList<>(obj);
                out.set(n, next.invokeNext(obj.get(n)));
                return out;
            }
        }, "*n");
        assertEquals(list("b"), selectBound(p, arrayList("a", "b", "c"), 1));
        assertEquals(list("c"), selectBound(p, arrayList("a", "b", "c"), 2));
    }

    @Test
    void aBuilderReturningNullFails() {
        PathException e = assertThrows(PathException.class, () -> compiled(Path.customNavBuilder(() -> null)).nav());
        assertTrue(e.getMessage().contains("customNavBuilder"), e.getMessage());
        assertThrows(PathException.class, () -> selectBound(Path.customNavBuilder((Object x) -> null, "*x"), 1, 1));
    }

    @Test
    void pathsWithCustomNavigatorsSerialize() {
        Path p = Path.key("xs").customNav(new Elements()).filterGreaterThan(1);
        Path back = roundTrip(p);
        assertEquals(p.toString(), back.toString());
        assertEquals(list(2, 3), select(back, hashMap("xs", arrayList(1, 2, 3))));
        Path built = Path.customNavBuilder((Integer n) -> new Elements(), 1);
        assertEquals(list(1, 2), select(roundTrip(built), arrayList(1, 2)));
    }

    @Test
    void aCustomNavigatorMetByAnIncompatibleValueFailsCleanly() {
        assertThrows(ClassCastException.class, () -> select(Path.customNav(new Elements()), 5),
                "the navigator's own cast fails; nothing is wrapped");
    }
}
