package dev.floe.semantics;

import dev.floe.ops.FloeFunction1;
import dev.floe.ops.FloeFunction2;
import dev.floe.ops.FloeFunction3;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Records what dataflow code saw, in order, for semantic tests run with Block.execute(). */
final class Recorder {
    static final List<Object> SEEN = new ArrayList<>();

    private Recorder() {}

    static void reset() {
        SEEN.clear();
    }

    /** A function recording its argument (emits it). */
    static final FloeFunction1<Object, Object> REC = v -> {
        SEEN.add(v);
        return v;
    };

    /** A function recording a tagged value: [tag v]. */
    static final FloeFunction2<Object, Object, Object> TAG = (tag, v) -> {
        SEEN.add(Arrays.asList(tag, v));
        return v;
    };

    /** A function recording a triple. */
    static final FloeFunction3<Object, Object, Object, Object> TRIPLE = (a, b, c) -> {
        SEEN.add(Arrays.asList(a, b, c));
        return null;
    };
}
