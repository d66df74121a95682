package dev.floe.diffs;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Recording processors implementing a chosen set of the diff classes' Processor interfaces. */
final class Processors {
    private Processors() {}

    /** What an unhandled() call records. */
    static final String UNHANDLED = "unhandled";

    static final List<Class<? extends Diff>> ALL_CLASSES = List.of(KeyDiff.class, KeysDiff.class, KeyRemoveDiff.class,
            KeysRemoveDiff.class, KeyChangeDiff.class, NewValueDiff.class, SetAddDiff.class, SetRemoveDiff.class,
            MultiSetAddDiff.class, MultiSetRemoveDiff.class, SequenceInsertDiff.class, SequenceInsertsDiff.class,
            SequenceIndexChangeDiff.class, SequenceIndexChangesDiff.class, SequenceIndexRemoveDiff.class,
            SequenceReorderDiff.class, SequenceChangeDiff.class, AppendDiff.class, MultiDiff.class, ResyncDiff.class,
            UnknownDiff.class, DestroyedDiff.class, UngracefulTerminationDiff.class);

    /** The single-change diffs: enough to rebuild any value {@code Diffs.between} describes. */
    static final Set<Class<? extends Diff>> SINGLE_FORMS = Set.of(NewValueDiff.class, KeyDiff.class, KeyRemoveDiff.class,
            SetAddDiff.class, SetRemoveDiff.class, SequenceInsertDiff.class, SequenceIndexChangeDiff.class,
            SequenceIndexRemoveDiff.class);

    /** The diffs that never expand. */
    static final Set<Class<? extends Diff>> LEAVES = Set.of(KeyDiff.class, KeyRemoveDiff.class, NewValueDiff.class,
            SetAddDiff.class, SetRemoveDiff.class, AppendDiff.class, UnknownDiff.class, ResyncDiff.class,
            DestroyedDiff.class, UngracefulTerminationDiff.class);

    /** A processor and what it received: diffs, and {@link #UNHANDLED} for each unhandled() call. */
    static final class Recording {
        final Diff.Processor processor;
        final List<Object> received = new ArrayList<>();

        Recording(Set<Class<? extends Diff>> handled) {
            List<Class<?>> interfaces = new ArrayList<>();
            interfaces.add(Diff.Processor.class);
            for (Class<? extends Diff> c : handled) {
                interfaces.add(processorOf(c));
            }
            processor = (Diff.Processor) Proxy.newProxyInstance(Processors.class.getClassLoader(),
                    interfaces.toArray(new Class<?>[0]), (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "unhandled":
                                received.add(UNHANDLED);
                                return null;
                            case "hashCode":
                                return System.identityHashCode(proxy);
                            case "equals":
                                return proxy == args[0];
                            case "toString":
                                return "processor of " + handled;
                            default:
                                received.add(args[0]);
                                return null;
                        }
                    });
        }

        long unhandledCount() {
            return received.stream().filter(UNHANDLED::equals).count();
        }
    }

    static Recording handling(Set<Class<? extends Diff>> handled) {
        return new Recording(handled);
    }

    static Class<?> processorOf(Class<? extends Diff> c) {
        for (Class<?> inner : c.getDeclaredClasses()) {
            if (inner.getSimpleName().equals("Processor")) {
                return inner;
            }
        }
        throw new AssertionError(c + " has no Processor");
    }

    /** What a processor of every class receives for {@code d}: the diff itself, set diffs one element at a time. */
    static List<Object> asSeenWhole(Diff d) {
        List<Object> out = new ArrayList<>();
        if (d instanceof SetAddDiff) {
            for (Object e : ((SetAddDiff) d).getElems()) {
                out.add(new SetAddDiff(e));
            }
        } else if (d instanceof SetRemoveDiff) {
            for (Object e : ((SetRemoveDiff) d).getElems()) {
                out.add(new SetRemoveDiff(e));
            }
        } else {
            out.add(d);
        }
        return out;
    }

    static List<Object> process(Diff d, Set<Class<? extends Diff>> handled) {
        Recording r = handling(handled);
        d.process(r.processor);
        return r.received;
    }
}
