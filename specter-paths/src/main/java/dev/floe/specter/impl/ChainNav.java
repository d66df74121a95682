package dev.floe.specter.impl;

import clojure.lang.IPersistentVector;
import dev.floe.specter.Nav;
import dev.floe.specter.Next;

/**
 * The composition of two or more navigators. Each call builds one continuation per step, ahead of
 * navigation, and those continuations are shared by every place a step navigates to; no
 * allocation happens per navigated element.
 */
public final class ChainNav extends BaseNav {
    private final Nav[] navs;

    public ChainNav(Nav[] navs) {
        if (navs.length < 2) {
            throw new IllegalArgumentException("a chain needs at least two navigators");
        }
        this.navs = navs.clone();
    }

    public Nav[] navs() {
        return navs.clone();
    }

    @Override
    public Object select(IPersistentVector vals, Object structure, Next next) {
        Next k = next;
        for (int i = navs.length - 1; i >= 1; i--) {
            k = new SelectStep(navs[i], k);
        }
        return navs[0].select(vals, structure, k);
    }

    @Override
    public Object transform(IPersistentVector vals, Object structure, Next next) {
        Next k = next;
        for (int i = navs.length - 1; i >= 1; i--) {
            k = new TransformStep(navs[i], k);
        }
        return navs[0].transform(vals, structure, k);
    }

    @Override
    public String name() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < navs.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(navs[i].name());
        }
        return sb.append(']').toString();
    }

    private static final class SelectStep implements Next {
        private final Nav nav;
        private final Next next;

        SelectStep(Nav nav, Next next) {
            this.nav = nav;
            this.next = next;
        }

        @Override
        public Object invoke(IPersistentVector vals, Object structure) {
            return nav.select(vals, structure, next);
        }
    }

    private static final class TransformStep implements Next {
        private final Nav nav;
        private final Next next;

        TransformStep(Nav nav, Next next) {
            this.nav = nav;
            this.next = next;
        }

        @Override
        public Object invoke(IPersistentVector vals, Object structure) {
            return nav.transform(vals, structure, next);
        }
    }
}
