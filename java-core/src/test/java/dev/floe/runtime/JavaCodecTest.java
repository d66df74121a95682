package dev.floe.runtime;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The codec of messages between workers. */
class JavaCodecTest {
    private final JavaCodec codec = new JavaCodec(List.of(), JavaCodecTest.class.getClassLoader());

    @Test
    void booleansComeBackCanonicalSoClojureSeesFalseAsFalse() {
        @SuppressWarnings("unchecked")
        List<Object> back = (List<Object>) codec.roundTrip(List.of(false, true, Map.of("k", false)));
        assertSame(Boolean.FALSE, back.get(0));
        assertSame(Boolean.TRUE, back.get(1));
        assertSame(Boolean.FALSE, ((Map<?, ?>) back.get(2)).get("k"));
        assertSame(Boolean.FALSE, codec.roundTrip(Boolean.FALSE));
        assertEquals(List.of(1, 2L, "x"), codec.roundTrip(List.of(1, 2L, "x")));
    }
}
