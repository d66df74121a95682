package dev.floe.compiler;

import dev.floe.exec.AggPlans;
import dev.floe.exec.ArgEval;
import dev.floe.ir.AggOrCompound;
import dev.floe.ir.AggSpec;
import dev.floe.ir.Arg;
import dev.floe.ir.Compound;
import dev.floe.ir.Node;

import java.util.List;
import java.util.Map;

/** Compiles aggregators and aggregation templates into {@link AggPlans.Plan}s. */
final class AggCompiler {
    private AggCompiler() {}

    /**
     * The plan of an aggregation. {@code captures} receives the slot of every
     * {@code captureNewValInto} var (null where capturing is not allowed).
     */
    static AggPlans.Plan plan(DataflowCompiler c, Node n, AggOrCompound agg, DataflowCompiler.Scope scope,
            Map<String, Integer> captures) {
        if (agg instanceof AggSpec) {
            AggSpec spec = (AggSpec) agg;
            checkArity(c, n, spec);
            int capture = -1;
            if (spec.captureNewValInto() != null) {
                if (captures == null) {
                    throw c.error(n, "captureNewValInto(" + spec.captureNewValInto() + ") is only valid when a batch "
                            + "block aggregates into a PState");
                }
                capture = captures.computeIfAbsent(spec.captureNewValInto(), v -> c.newSlot());
            }
            return new AggPlans.Leaf(AggPlans.of(spec, topAmount(c, n, spec)), c.args(n, spec.args(), scope), capture);
        }
        if (agg instanceof Compound.MapTemplate) {
            List<Compound.Entry> entries = ((Compound.MapTemplate) agg).entries();
            if (entries.isEmpty()) {
                throw c.error(n, "an empty CompoundAgg.map template aggregates nothing");
            }
            ArgEval[] keys = new ArgEval[entries.size()];
            AggPlans.Plan[] values = new AggPlans.Plan[entries.size()];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = c.arg(n, entries.get(i).key(), scope);
                values[i] = plan(c, n, entries.get(i).value(), scope, captures);
            }
            return new AggPlans.MapPlan(keys, values);
        }
        List<AggOrCompound> items = ((Compound.ListTemplate) agg).items();
        AggPlans.Plan[] plans = new AggPlans.Plan[items.size()];
        for (int i = 0; i < plans.length; i++) {
            plans[i] = plan(c, n, items.get(i), scope, captures);
        }
        return new AggPlans.ListPlan(plans);
    }

    private static void checkArity(DataflowCompiler c, Node n, AggSpec spec) {
        int expected;
        switch (spec.kind()) {
            case COUNT:
                expected = 0;
                break;
            case MAP:
                expected = 2;
                break;
            case ACCUMULATOR:
                expected = -1;
                break;
            default:
                expected = 1;
        }
        if (expected >= 0 && spec.args().size() != expected) {
            throw c.error(n, spec.kind().name().toLowerCase(java.util.Locale.ROOT) + " takes " + expected
                    + " argument(s), got " + spec.args().size());
        }
    }

    private static int topAmount(DataflowCompiler c, Node n, AggSpec spec) {
        if (spec.top() == null) {
            return 0;
        }
        Arg a = spec.top().amount();
        if (!(a instanceof Arg.Lit) || !(((Arg.Lit) a).value() instanceof Number)) {
            throw c.error(n, "topMonotonic's amount must be a number");
        }
        return ((Number) ((Arg.Lit) a).value()).intValue();
    }
}
