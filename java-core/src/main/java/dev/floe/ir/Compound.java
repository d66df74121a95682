package dev.floe.ir;

import java.io.Serializable;
import java.util.List;

/** A nested aggregation template: a map of keys to aggregations, or a list of aggregations. */
public sealed interface Compound extends AggOrCompound {
    /** One key of a map template; the key may be a var. */
    record Entry(Arg key, AggOrCompound value) implements Serializable {}

    /** {@code CompoundAgg.map(key, agg, key, agg …)}. */
    record MapTemplate(List<Entry> entries) implements Compound {
        public MapTemplate {
            entries = List.copyOf(entries);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("{");
            for (int i = 0; i < entries.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(entries.get(i).key()).append(' ').append(entries.get(i).value());
            }
            return sb.append('}').toString();
        }
    }

    /** {@code CompoundAgg.list(agg …)}: a list of aggregations at one location. */
    record ListTemplate(List<AggOrCompound> items) implements Compound {
        public ListTemplate {
            items = List.copyOf(items);
        }

        @Override
        public String toString() {
            return items.toString();
        }
    }
}
