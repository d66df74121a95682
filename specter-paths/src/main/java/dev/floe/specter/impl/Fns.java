package dev.floe.specter.impl;

import clojure.lang.IFn;
import clojure.lang.RT;

/** Calls functions with a value followed by extra arguments, without varargs on the common paths. */
public final class Fns {
    private Fns() {}

    public static Object call(IFn fn, Object v, Object[] extra) {
        switch (extra.length) {
            case 0:
                return fn.invoke(v);
            case 1:
                return fn.invoke(v, extra[0]);
            case 2:
                return fn.invoke(v, extra[0], extra[1]);
            default:
                Object[] all = new Object[extra.length + 1];
                all[0] = v;
                System.arraycopy(extra, 0, all, 1, extra.length);
                return fn.applyTo(RT.seq(all));
        }
    }
}
