package dev.floe.ir;

import java.util.List;

/** Formatting helpers for node descriptions. */
final class Nodes {
    private Nodes() {}

    static String join(List<?> items) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(items.get(i));
        }
        return sb.toString();
    }

    static String outs(List<String> out) {
        return out.isEmpty() ? "" : ".out(" + String.join(" ", out) + ")";
    }
}
