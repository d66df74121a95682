package dev.floe.store;

import clojure.lang.Keyword;
import clojure.lang.Numbers;
import clojure.lang.Symbol;

import java.io.Serializable;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The total order of keys in sorted PState structures (top-level maps, subindexed maps and sets),
 * the same order the storage key encoding produces. Within a type the order is natural: numbers
 * by value (an Integer 1 and a Long 1 are the same key), strings by UTF-16 code unit, keywords and
 * symbols by namespace then name, UUIDs as unsigned 128-bit numbers, lists element by element (a
 * prefix first). Between types: nil, booleans, numbers, characters, strings, keywords, symbols,
 * UUIDs, lists, then any other comparable type grouped by class name.
 */
public final class KeyOrder implements Comparator<Object>, Serializable {
    private static final long serialVersionUID = 1L;

    /** The order. */
    public static final KeyOrder INSTANCE = new KeyOrder();

    private KeyOrder() {}

    static int rank(Object o) {
        if (o == null) {
            return 0;
        }
        if (o instanceof Boolean) {
            return 1;
        }
        if (o instanceof Number) {
            return 2;
        }
        if (o instanceof Character) {
            return 3;
        }
        if (o instanceof String) {
            return 4;
        }
        if (o instanceof Keyword) {
            return 5;
        }
        if (o instanceof Symbol) {
            return 6;
        }
        if (o instanceof UUID) {
            return 7;
        }
        if (o instanceof List) {
            return 8;
        }
        return 9;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public int compare(Object a, Object b) {
        // the common key types first, by class
        if (a instanceof String && b instanceof String) {
            return ((String) a).compareTo((String) b);
        }
        if (a instanceof Long && b instanceof Long) {
            return Long.compare((Long) a, (Long) b);
        }
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        switch (ra) {
            case 0:
                return 0;
            case 1:
                return Boolean.compare((Boolean) a, (Boolean) b);
            case 2:
                return Numbers.compare((Number) a, (Number) b);
            case 3:
                return Character.compare((Character) a, (Character) b);
            case 4:
                return ((String) a).compareTo((String) b);
            case 5:
                return ((Keyword) a).compareTo(b);
            case 6:
                return ((Symbol) a).compareTo(b);
            case 7: {
                UUID ua = (UUID) a;
                UUID ub = (UUID) b;
                int c = Long.compareUnsigned(ua.getMostSignificantBits(), ub.getMostSignificantBits());
                return c != 0 ? c : Long.compareUnsigned(ua.getLeastSignificantBits(), ub.getLeastSignificantBits());
            }
            case 8: {
                List<?> la = (List<?>) a;
                List<?> lb = (List<?>) b;
                for (int i = 0; i < Math.min(la.size(), lb.size()); i++) {
                    int c = compare(la.get(i), lb.get(i));
                    if (c != 0) {
                        return c;
                    }
                }
                return Integer.compare(la.size(), lb.size());
            }
            default: {
                if (a.getClass() != b.getClass()) {
                    return a.getClass().getName().compareTo(b.getClass().getName());
                }
                if (a instanceof Comparable) {
                    return ((Comparable) a).compareTo(b);
                }
                throw new IllegalArgumentException("a " + a.getClass().getName()
                        + " cannot be a key of a sorted structure: it is not Comparable");
            }
        }
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
