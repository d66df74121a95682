package dev.floe.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clojure.lang.AFn;
import clojure.lang.IFn;
import clojure.lang.PersistentVector;
import clojure.lang.RT;
import dev.floe.ops.FloeFunction;
import dev.floe.ops.FloeFunction0;
import dev.floe.ops.FloeFunction1;
import dev.floe.ops.FloeFunction2;
import dev.floe.ops.FloeFunction3;
import dev.floe.ops.FloeFunction4;
import dev.floe.ops.FloeFunction5;
import dev.floe.ops.FloeFunction6;
import dev.floe.ops.FloeFunction7;
import dev.floe.ops.FloeFunction8;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Fns adapts FloeFunction0..8 to Clojure IFn, for every way the engine may call them. */
class FnsTest {
    static final FloeFunction0<String> F0 = () -> "";
    static final FloeFunction1<Object, String> F1 = a -> "" + a;
    static final FloeFunction2<Object, Object, String> F2 = (a, b) -> "" + a + b;
    static final FloeFunction3<Object, Object, Object, String> F3 = (a, b, c) -> "" + a + b + c;
    static final FloeFunction4<Object, Object, Object, Object, String> F4 = (a, b, c, d) -> "" + a + b + c + d;
    static final FloeFunction5<Object, Object, Object, Object, Object, String> F5 = (a, b, c, d, e) -> "" + a + b + c + d + e;
    static final FloeFunction6<Object, Object, Object, Object, Object, Object, String> F6 =
            (a, b, c, d, e, f) -> "" + a + b + c + d + e + f;
    static final FloeFunction7<Object, Object, Object, Object, Object, Object, Object, String> F7 =
            (a, b, c, d, e, f, g) -> "" + a + b + c + d + e + f + g;
    static final FloeFunction8<Object, Object, Object, Object, Object, Object, Object, Object, String> F8 =
            (a, b, c, d, e, f, g, h) -> "" + a + b + c + d + e + f + g + h;
    static final FloeFunction[] ALL = {F0, F1, F2, F3, F4, F5, F6, F7, F8};

    @Test
    void arities() {
        for (int n = 0; n <= 8; n++) {
            assertEquals(n, Fns.arity(ALL[n]));
        }
    }

    @Test
    void directInvokeOfEveryArity() {
        assertEquals("", Fns.toIFn(F0).invoke());
        assertEquals("1", Fns.toIFn(F1).invoke(1));
        assertEquals("12", Fns.toIFn(F2).invoke(1, 2));
        assertEquals("123", Fns.toIFn(F3).invoke(1, 2, 3));
        assertEquals("1234", Fns.toIFn(F4).invoke(1, 2, 3, 4));
        assertEquals("12345", Fns.toIFn(F5).invoke(1, 2, 3, 4, 5));
        assertEquals("123456", Fns.toIFn(F6).invoke(1, 2, 3, 4, 5, 6));
        assertEquals("1234567", Fns.toIFn(F7).invoke(1, 2, 3, 4, 5, 6, 7));
        assertEquals("12345678", Fns.toIFn(F8).invoke(1, 2, 3, 4, 5, 6, 7, 8));
    }

    @Test
    void applyToAndCallOfEveryArity() {
        StringBuilder expected = new StringBuilder();
        for (int n = 0; n <= 8; n++) {
            Object[] args = new Object[n];
            for (int i = 0; i < n; i++) {
                args[i] = i + 1;
            }
            assertEquals(expected.toString(), Fns.toIFn(ALL[n]).applyTo(RT.seq(PersistentVector.create(args))));
            assertEquals(expected.toString(), Fns.call(ALL[n], args));
            expected.append(n + 1);
        }
    }

    @Test
    void theWrongNumberOfArgumentsFailsClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fns.toIFn(F2).invoke(1));
        assertTrue(e.getMessage().contains("takes 2") && e.getMessage().contains("given 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Fns.toIFn(F4).invoke(1, 2, 3, 4, 5));
        assertThrows(IllegalArgumentException.class, () -> Fns.toIFn(F0).invoke(1));
        assertThrows(IllegalArgumentException.class, () -> Fns.call(F0, new Object[9]));
    }

    @Test
    void clojureFunctionsPassThroughAndOthersAreRejected() {
        IFn inc = new AFn() {
            @Override
            public Object invoke(Object x) {
                return (Integer) x + 1;
            }
        };
        assertSame(inc, Fns.toIFn(inc));
        assertThrows(IllegalArgumentException.class, () -> Fns.toIFn("not a function"));
        assertThrows(IllegalArgumentException.class, () -> Fns.toIFn(List.of()));
    }

    @Test
    void toStringIsTheFunctions() {
        assertEquals(F1.toString(), Fns.toIFn(F1).toString());
    }
}
