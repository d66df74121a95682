package dev.floe.test;

import dev.floe.ops.OutputCollector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An OutputCollector that records emits, for unit testing operations directly. */
public final class MockOutputCollector implements OutputCollector {
    /** One recorded emit: its stream (null for the default stream) and its values. */
    public static final class CapturedEmit {
        private final String streamName;
        private final List<Object> values;

        CapturedEmit(String streamName, List<Object> values) {
            this.streamName = streamName;
            this.values = values;
        }

        /** The stream name, or null for the default stream. */
        public String getStreamName() {
            return streamName;
        }

        /** The emitted values. */
        public List<Object> getValues() {
            return values;
        }

        @Override
        public String toString() {
            return (streamName == null ? "" : streamName + ":") + values;
        }
    }

    private final List<CapturedEmit> emits = new ArrayList<>();

    public MockOutputCollector() {}

    @Override
    public void emit(Object... values) {
        emits.add(new CapturedEmit(null, Collections.unmodifiableList(Arrays.asList(values.clone()))));
    }

    @Override
    public void emitStream(String streamName, Object... values) {
        emits.add(new CapturedEmit(streamName, Collections.unmodifiableList(Arrays.asList(values.clone()))));
    }

    /** Every emit, in order. */
    public List<CapturedEmit> getEmits() {
        return Collections.unmodifiableList(emits);
    }

    /** The emitted value lists per stream (null key: the default stream), in order. */
    public Map<String, List<List<Object>>> getEmitsByStream() {
        Map<String, List<List<Object>>> out = new LinkedHashMap<>();
        for (CapturedEmit e : emits) {
            out.computeIfAbsent(e.getStreamName(), k -> new ArrayList<>()).add(e.getValues());
        }
        return out;
    }
}
