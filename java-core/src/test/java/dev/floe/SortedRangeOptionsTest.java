package dev.floe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** SortedRangeOptions, SortedRangeFromOptions, SortedRangeToOptions: defaults, builders, values. */
class SortedRangeOptionsTest {

    @SuppressWarnings("unchecked")
    static <T extends Serializable> T roundTrip(T value) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(value);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return (T) in.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    private static SortedRangeOptions.CapturedSortedRangeOptions captured(SortedRangeOptions o) {
        return (SortedRangeOptions.CapturedSortedRangeOptions) o;
    }

    private static SortedRangeFromOptions.CapturedSortedRangeFromOptions captured(SortedRangeFromOptions o) {
        return (SortedRangeFromOptions.CapturedSortedRangeFromOptions) o;
    }

    private static SortedRangeToOptions.CapturedSortedRangeToOptions captured(SortedRangeToOptions o) {
        return (SortedRangeToOptions.CapturedSortedRangeToOptions) o;
    }

    @Nested
    class TwoEnded {
        @Test
        void defaultsIncludeTheStartAndExcludeTheEnd() {
            SortedRangeOptions.CapturedSortedRangeOptions d = captured(SortedRangeOptions.create());
            assertTrue(d.isStartIncluded());
            assertFalse(d.isEndIncluded());
            assertEquals(new SortedRangeOptions.CapturedSortedRangeOptions(), d);
        }

        @Test
        void builders() {
            assertFalse(captured(SortedRangeOptions.excludeStart()).isStartIncluded());
            assertFalse(captured(SortedRangeOptions.excludeStart()).isEndIncluded());
            assertTrue(captured(SortedRangeOptions.includeEnd()).isEndIncluded());
            assertTrue(captured(SortedRangeOptions.includeEnd()).isStartIncluded());
            SortedRangeOptions.CapturedSortedRangeOptions both = captured(SortedRangeOptions.excludeStart().includeEnd());
            assertFalse(both.isStartIncluded());
            assertTrue(both.isEndIncluded());
            assertEquals(both, SortedRangeOptions.includeEnd().excludeStart());
            assertEquals(SortedRangeOptions.create().excludeStart(), SortedRangeOptions.excludeStart());
            assertEquals(SortedRangeOptions.create().includeEnd(), SortedRangeOptions.includeEnd());
            assertEquals(both, both.excludeStart().includeEnd(), "idempotent");
        }

        @Test
        void optionsAreImmutableValues() {
            SortedRangeOptions.Impl base = SortedRangeOptions.create();
            SortedRangeOptions.Impl changed = base.excludeStart();
            assertNotSame(base, changed);
            assertTrue(captured(base).isStartIncluded(), "the original is unchanged");
            assertNotEquals(base, changed);
            assertEquals(SortedRangeOptions.excludeStart().hashCode(), SortedRangeOptions.create().excludeStart().hashCode());
            assertNotEquals(SortedRangeOptions.excludeStart(), SortedRangeOptions.includeEnd());
            assertNotEquals(SortedRangeOptions.create(), SortedRangeFromOptions.create());
            assertEquals(roundTrip(captured(changed)), changed);
            assertTrue(changed.toString().contains("startIncluded=false"), changed.toString());
        }
    }

    @Nested
    class From {
        @Test
        void defaultsIncludeTheStartWithNoLimit() {
            SortedRangeFromOptions.CapturedSortedRangeFromOptions d = captured(SortedRangeFromOptions.create());
            assertTrue(d.isStartIncluded());
            assertEquals(-1, d.getMaxAmt(), "no limit");
            assertEquals(new SortedRangeFromOptions.CapturedSortedRangeFromOptions(), d);
        }

        @Test
        void builders() {
            assertFalse(captured(SortedRangeFromOptions.excludeStart()).isStartIncluded());
            assertEquals(5, captured(SortedRangeFromOptions.maxAmt(5)).getMaxAmt());
            assertEquals(0, captured(SortedRangeFromOptions.maxAmt(0)).getMaxAmt());
            SortedRangeFromOptions.Impl both = SortedRangeFromOptions.excludeStart().maxAmt(2);
            assertEquals(both, SortedRangeFromOptions.maxAmt(2).excludeStart());
            assertFalse(captured(both).isStartIncluded());
            assertEquals(2, captured(both).getMaxAmt());
            assertEquals(7, captured(both.maxAmt(7)).getMaxAmt(), "the last maxAmt wins");
            assertEquals(SortedRangeFromOptions.create().maxAmt(3), SortedRangeFromOptions.maxAmt(3));
            assertEquals(SortedRangeFromOptions.create().excludeStart(), SortedRangeFromOptions.excludeStart());
        }

        @Test
        void negativeMaxAmtIsRejected() {
            assertThrows(IllegalArgumentException.class, () -> SortedRangeFromOptions.maxAmt(-1));
            assertThrows(IllegalArgumentException.class, () -> SortedRangeFromOptions.excludeStart().maxAmt(-5));
        }

        @Test
        void optionsAreImmutableValues() {
            SortedRangeFromOptions.Impl base = SortedRangeFromOptions.maxAmt(2);
            SortedRangeFromOptions.Impl changed = base.maxAmt(4);
            assertEquals(2, captured(base).getMaxAmt());
            assertNotEquals(base, changed);
            assertEquals(SortedRangeFromOptions.maxAmt(4).hashCode(), changed.hashCode());
            assertEquals(roundTrip(captured(changed)), changed);
            assertTrue(changed.toString().contains("maxAmt=4"), changed.toString());
        }
    }

    @Nested
    class To {
        @Test
        void defaultsExcludeTheEndWithNoLimit() {
            SortedRangeToOptions.CapturedSortedRangeToOptions d = captured(SortedRangeToOptions.create());
            assertFalse(d.isEndIncluded());
            assertEquals(-1, d.getMaxAmt());
            assertEquals(new SortedRangeToOptions.CapturedSortedRangeToOptions(), d);
        }

        @Test
        void builders() {
            assertTrue(captured(SortedRangeToOptions.includeEnd()).isEndIncluded());
            assertEquals(5, captured(SortedRangeToOptions.maxAmt(5)).getMaxAmt());
            SortedRangeToOptions.Impl both = SortedRangeToOptions.includeEnd().maxAmt(2);
            assertEquals(both, SortedRangeToOptions.maxAmt(2).includeEnd());
            assertTrue(captured(both).isEndIncluded());
            assertEquals(2, captured(both).getMaxAmt());
            assertEquals(SortedRangeToOptions.create().includeEnd(), SortedRangeToOptions.includeEnd());
            assertEquals(SortedRangeToOptions.create().maxAmt(1), SortedRangeToOptions.maxAmt(1));
        }

        @Test
        void negativeMaxAmtIsRejected() {
            assertThrows(IllegalArgumentException.class, () -> SortedRangeToOptions.maxAmt(-1));
            assertThrows(IllegalArgumentException.class, () -> SortedRangeToOptions.includeEnd().maxAmt(-1));
        }

        @Test
        void optionsAreImmutableValues() {
            SortedRangeToOptions.Impl base = SortedRangeToOptions.create();
            SortedRangeToOptions.Impl changed = base.includeEnd();
            assertFalse(captured(base).isEndIncluded());
            assertNotEquals(base, changed);
            assertEquals(SortedRangeToOptions.includeEnd().hashCode(), changed.hashCode());
            assertEquals(roundTrip(captured(changed)), changed);
            assertTrue(changed.toString().contains("endIncluded=true"), changed.toString());
            assertNotEquals(SortedRangeToOptions.maxAmt(1), SortedRangeFromOptions.maxAmt(1));
        }
    }

    @Nested
    class ConstantValue {
        @Test
        void constantIsAValue() {
            Constant c = new Constant("*x");
            assertEquals("*x", c.getValue());
            assertEquals(new Constant("*x"), c);
            assertEquals(new Constant("*x").hashCode(), c.hashCode());
            assertNotEquals(new Constant("*y"), c);
            assertNotEquals("*x", c);
            assertEquals(new Constant(null), new Constant(null));
            assertEquals(c, roundTrip(c));
            assertTrue(c.toString().contains("*x"));
        }

        @Test
        void navigatorVoidIsTheEnginesNone() {
            assertEquals(dev.floe.specter.Specter.NONE, Navigator.VOID);
            assertEquals(Navigator.VOID, roundTrip((Serializable) Navigator.VOID), "VOID keeps its identity when serialized");
        }
    }
}
