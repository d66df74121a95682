package dev.floe.ops;

import dev.floe.test.MockOutputCollector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Recorders shared by the tests of built-in operations and aggregators. */
final class OpsTestSupport {
    private OpsTestSupport() {}

    /** What the recording functions saw, in order (cleared by {@link #clear()}). */
    static final List<Object> LOG = Collections.synchronizedList(new ArrayList<>());

    /** Records one value. */
    static final FloeFunction1<Object, Object> REC = v -> {
        LOG.add(v);
        return null;
    };

    /** Records two values as a list (nulls allowed). */
    static final FloeFunction2<Object, Object, Object> REC2 = (a, b) -> {
        LOG.add(Arrays.asList(a, b));
        return null;
    };

    /** Records three values as a list (nulls allowed). */
    static final FloeFunction3<Object, Object, Object, Object> REC3 = (a, b, c) -> {
        LOG.add(Arrays.asList(a, b, c));
        return null;
    };

    static void clear() {
        LOG.clear();
    }

    static List<Object> logged() {
        synchronized (LOG) {
            return new ArrayList<>(LOG);
        }
    }

    /** The value lists of every default-stream emit of a mock collector. */
    static List<List<Object>> emits(MockOutputCollector c) {
        List<List<Object>> out = new ArrayList<>();
        for (MockOutputCollector.CapturedEmit e : c.getEmits()) {
            out.add(e.getValues());
        }
        return out;
    }

    /** The class of every element of a list (null for null elements). */
    static List<Class<?>> classes(List<?> values) {
        List<Class<?>> out = new ArrayList<>();
        for (Object v : values) {
            out.add(v == null ? null : v.getClass());
        }
        return out;
    }

    /** A list that may contain nulls. */
    static List<Object> listOf(Object... values) {
        return Arrays.asList(values);
    }
}
