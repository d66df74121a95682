package dev.floe.exec;

import clojure.lang.Util;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch block, run on one task (Block.execute(), and each task's share in a module): run every
 * pre-aggregation source and collect its rows, join the sources on shared vars, run the code after
 * the join on each joined row, aggregate, then run the post-aggregation code once per output row,
 * and finally continue once after the block.
 */
public final class BatchInstr extends Instr {
    /** One pre-aggregation source: where it starts, and the slots and names of the row it collects. */
    public static final class Source {
        final Emitter entry;
        final String[] vars;
        final int[] slots;
        final List<Object[]> rows = new ArrayList<>();

        public Source(Emitter entry, String[] vars, int[] slots) {
            this.entry = entry;
            this.vars = vars.clone();
            this.slots = slots.clone();
        }
    }

    /** Collects the row of a source (the values of its vars) at the end of its code. */
    public static final class RowSink extends Instr {
        private final Source source;

        public RowSink(StepInfo step, Source source) {
            super(step);
            this.source = source;
        }

        @Override
        public void reads(java.util.BitSet out) {
            addAll(out, source.slots);
        }

        @Override
        public void run(Frame f) {
            Object[] row = new Object[source.slots.length];
            for (int i = 0; i < row.length; i++) {
                row[i] = f.slots[source.slots[i]];
            }
            f.ctx.batchRow(source, row);
        }
    }

    /**
     * The code that runs on each joined row before aggregation (the last source's code from the
     * first step that uses another source's vars): the rows reaching its end are what the block
     * aggregates. Its collector keeps them in a list in a frame slot (saved and restored around
     * each run, so a block that runs again before it finishes keeps its rows apart).
     */
    public static final class PostJoin {
        final Emitter entry;
        final int rowsSlot;
        final int[] rowSlots;

        /**
         * @param entry where the code after the join starts
         * @param rowsSlot the frame slot holding the rows being collected
         * @param rowSlots the slots of the vars of a row at the end of the code (the aggregation's input)
         */
        public PostJoin(Emitter entry, int rowsSlot, int[] rowSlots) {
            this.entry = entry;
            this.rowsSlot = rowsSlot;
            this.rowSlots = rowSlots.clone();
        }

        /** The step collecting a row at the end of the code after the join. */
        public Instr collector(StepInfo step) {
            return new Instr(step) {
                @Override
                public void reads(java.util.BitSet out) {
                    out.set(rowsSlot);
                    addAll(out, rowSlots);
                }

                @Override
                @SuppressWarnings("unchecked")
                public void run(Frame f) {
                    Object[] row = new Object[rowSlots.length];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = f.slots[rowSlots[i]];
                    }
                    ((List<Object[]>) f.slots[rowsSlot]).add(row);
                }
            };
        }

        List<Object[]> run(Frame f, List<Object[]> joined, int[] joinedSlots) {
            List<Object[]> rows = new ArrayList<>();
            Object outer = f.slots[rowsSlot];
            f.slots[rowsSlot] = rows;
            try {
                for (Object[] row : joined) {
                    for (int i = 0; i < joinedSlots.length; i++) {
                        f.slots[joinedSlots[i]] = row[i];
                    }
                    entry.emit(f);
                }
            } finally {
                f.slots[rowsSlot] = outer;
            }
            return rows;
        }
    }

    /** How the joined rows become post-aggregation rows. */
    public abstract static class AggPhase {
        /** Aggregates the joined rows (written into the frame one at a time) and returns the output rows. */
        public abstract List<Object[]> aggregate(List<Object[]> rows, int[] rowSlots, Frame f);

        /** The slots the output rows are written to before the post-aggregation code runs. */
        public abstract int[] outSlots();

        /**
         * True when every aggregator is a combiner, so the runtime aggregates in two phases:
         * partial aggregates on each task, combined where the rows meet.
         */
        public boolean allCombiners() {
            return false;
        }

        /** True when partial states merge location by location (see {@link AggPlans.Plan#mergeable}). */
        boolean mergeable() {
            return false;
        }

        /** Aggregates the row written in the frame's {@code rowSlots} into a partial (first phase). */
        void addToPartial(Map<List<Object>, Object[]> groups, int[] rowSlots, Frame f) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " does not aggregate in two phases");
        }

        /**
         * Aggregates the rows (written into the frame one at a time), then merges the partial
         * rows other tasks built with {@link #addToPartial} (their group keys, then one state per
         * aggregation), and returns the output rows.
         */
        List<Object[]> aggregate(List<Object[]> rows, int[] rowSlots, Frame f, List<Object[]> partials) {
            if (!partials.isEmpty()) {
                throw new IllegalStateException(getClass().getSimpleName() + " received partial aggregates");
            }
            return aggregate(rows, rowSlots, f);
        }
    }

    /** Whether this block's aggregation runs in two phases (every aggregator is a combiner). */
    public boolean twoPhase() {
        return agg != null && agg.allCombiners();
    }

    /**
     * True when the rows leaving {@code partitioner} go straight into this block's aggregation and
     * the block aggregates in two phases: the runtime then combines them into a {@link Partial}
     * per destination task on the sending task and ships the partials, not the rows. Only for a
     * block of one source with no code after the join, whose partitioner's next step is the
     * source's row collector (code after the final partitioner runs on the receiving task, so
     * it must be empty).
     */
    public boolean preCombinesAt(Instr partitioner) {
        if (!combinesInParts) {
            return false;
        }
        Instr t = partitioner.next.onlyTarget();
        return t instanceof RowSink && ((RowSink) t).source == sources[0];
    }

    /**
     * The first phase of two-phase aggregation for one destination task: the rows combined so
     * far, per group key (one group without keys). Touched by one task thread only.
     */
    public static final class Partial {
        final Map<List<Object>, Object[]> groups = new LinkedHashMap<>();
        int rows;

        /** How many rows went into it. */
        public int rows() {
            return rows;
        }
    }

    /**
     * Aggregates the row that would leave {@code partitioner}'s continuation in this frame into
     * {@code p} (see {@link #preCombinesAt}).
     */
    public void preCombine(Partial p, Frame f) {
        // one source and no code after the join: the joined row is the source's row, in order
        int[] from = sources[0].slots;
        for (int i = 0; i < from.length; i++) {
            f.slots[joinedSlots[i]] = f.slots[from[i]];
        }
        agg.addToPartial(p.groups, joinedSlots, f);
        p.rows++;
    }

    /** A partial as rows to send: per group, its key values then one state per aggregation. */
    public List<Object[]> partialRows(Partial p) {
        int keys = p.groups.isEmpty() ? 0 : p.groups.keySet().iterator().next().size();
        List<Object[]> out = new ArrayList<>(p.groups.size());
        for (Map.Entry<List<Object>, Object[]> g : p.groups.entrySet()) {
            Object[] states = g.getValue();
            Object[] row = new Object[keys + states.length];
            for (int i = 0; i < keys; i++) {
                row[i] = ((EquivKey) g.getKey().get(i)).value;
            }
            System.arraycopy(states, 0, row, keys, states.length);
            out.add(row);
        }
        return out;
    }

    private final Source[] sources;
    /** The slots bound before the block that code after aggregation reads (set by liveness analysis). */
    private int[] liveAfter = new int[0];
    private final JoinPlan join;
    private final int[] joinedSlots;
    private final AggPhase agg;
    /** The code between the join and the aggregation, or null (only with an aggregation). */
    private final PostJoin postJoin;
    /** Two-phase and shaped for it: one source, no code after the join, partials that merge by location. */
    private final boolean combinesInParts;
    /**
     * Where the code after the block's last step runs: once per joined row without aggregation
     * (the code after the join, if any, starts here), else once per output row of the aggregation.
     */
    public final Emitter post = new Emitter();

    /** A block whose joined rows go through {@code postJoin} (if not null) before {@code agg}. */
    public BatchInstr(StepInfo step, Source[] sources, JoinPlan join, int[] joinedSlots, PostJoin postJoin,
            AggPhase agg) {
        super(step);
        if (postJoin != null && agg == null) {
            throw new IllegalArgumentException(step + ": without aggregation the code after the join runs at post");
        }
        this.sources = sources.clone();
        this.join = join;
        this.joinedSlots = joinedSlots.clone();
        this.postJoin = postJoin;
        this.agg = agg;
        this.combinesInParts = agg != null && agg.allCombiners() && sources.length == 1 && postJoin == null
                && agg.mergeable();
    }

    @Override
    public List<Emitter> successors() {
        List<Emitter> out = new ArrayList<>();
        for (Source s : sources) {
            out.add(s.entry);
        }
        if (postJoin != null) {
            out.add(postJoin.entry);
        }
        out.add(post);
        out.add(next);
        return out;
    }

    @Override
    public void writes(java.util.BitSet out) {
        addAll(out, joinedSlots);
        if (postJoin != null) {
            out.set(postJoin.rowsSlot);
        }
        if (agg != null) {
            addAll(out, agg.outSlots());
        }
    }

    @Override
    public void run(Frame f) {
        f.ctx.batch(this, f);
    }

    /**
     * Runs the whole block here: every source with its rows collected on this thread, then
     * {@link #finish}. (Local execution; the runtime spreads the sources' work over tasks.)
     */
    public void runLocal(Frame f) {
        List<List<Object[]>> relations = new ArrayList<>();
        for (Source s : sources) {
            s.rows.clear();
            s.entry.emit(f);
            relations.add(new ArrayList<>(s.rows));
            s.rows.clear();
        }
        finish(f, relations);
    }

    /** The slots bound before the block that its sources and the code after its aggregation read. */
    public int[] liveAfter() {
        return liveAfter.clone();
    }

    /** Set by the compiler's liveness analysis. */
    public void setLiveAfter(int[] slots) {
        liveAfter = slots.clone();
    }

    /** The emitters where the sources start (compile-time analysis). */
    public List<Emitter> sourceEntries() {
        List<Emitter> out = new ArrayList<>();
        for (Source s : sources) {
            out.add(s.entry);
        }
        return out;
    }

    /** Starts every pre-aggregation source from this frame (their rows go to the event's context). */
    public void startSources(Frame f) {
        for (Source s : sources) {
            s.entry.emit(f);
        }
    }

    /** The position of a source of this block. */
    public int sourceIndex(Source s) {
        for (int i = 0; i < sources.length; i++) {
            if (sources[i] == s) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Joins the sources' rows (one list per source, in source order), runs the code after the join
     * on each joined row, aggregates the rows reaching its end, runs the post-aggregation code once
     * per output row, then continues after the block.
     */
    public void finish(Frame f, List<List<Object[]>> relations) {
        finish(f, relations, List.of());
    }

    /**
     * {@link #finish(Frame, List)} on a task that also received partial aggregates from other
     * tasks ({@link #partialRows}): they are merged after this task's own rows.
     */
    public void finish(Frame f, List<List<Object[]>> relations, List<Object[]> partials) {
        List<Object[]> joined = join.join(relations);
        if (!partials.isEmpty()) {
            if (postJoin != null || agg == null) {
                throw new IllegalStateException(step() + ": partial aggregates for a block that does not combine them");
            }
            emitPost(f, agg.aggregate(joined, joinedSlots, f, partials));
        } else if (postJoin != null) {
            List<Object[]> out = agg.aggregate(postJoin.run(f, joined, joinedSlots), postJoin.rowSlots, f);
            emitPost(f, out);
        } else if (agg == null) {
            for (Object[] row : joined) {
                for (int i = 0; i < joinedSlots.length; i++) {
                    f.slots[joinedSlots[i]] = row[i];
                }
                post.emit(f);
            }
        } else {
            emitPost(f, agg.aggregate(joined, joinedSlots, f));
        }
        next.emit(f);
    }

    private void emitPost(Frame f, List<Object[]> out) {
        int[] outSlots = agg.outSlots();
        for (Object[] row : out) {
            for (int i = 0; i < outSlots.length; i++) {
                f.slots[outSlots[i]] = row[i];
            }
            post.emit(f);
        }
    }

    /** Rows of the joined relation, for the runtime's distributed version. */
    public Source[] sources() {
        return sources.clone();
    }

    // ------------------------------------------------------------------------------ joins

    /**
     * Joins the relations of the sources, left to right, on their shared vars. A var whose name
     * starts with {@code **} is nullable: a relation with such vars is the optional side of an
     * outer join, and its vars are null in rows it has no match for.
     */
    public static final class JoinPlan {
        final String[][] sourceVars;
        final String[] joinedVars;

        public JoinPlan(String[][] sourceVars, String[] joinedVars) {
            this.sourceVars = sourceVars.clone();
            this.joinedVars = joinedVars.clone();
        }

        List<Object[]> join(List<List<Object[]>> relations) {
            if (relations.size() == 1) {
                return project(relations.get(0), sourceVars[0]);
            }
            List<String> accVars = new ArrayList<>(List.of(sourceVars[0]));
            List<Object[]> acc = relations.get(0);
            for (int r = 1; r < relations.size(); r++) {
                List<String> vars = List.of(sourceVars[r]);
                List<String> shared = new ArrayList<>();
                for (String v : accVars) {
                    if (vars.contains(v)) {
                        shared.add(v);
                    }
                }
                boolean rightOptional = hasOuter(vars, shared);
                boolean leftOptional = hasOuter(accVars, shared);
                int[] accKey = indexes(accVars, shared);
                int[] relKey = indexes(vars, shared);
                List<String> extra = new ArrayList<>();
                for (String v : vars) {
                    if (!shared.contains(v)) {
                        extra.add(v);
                    }
                }
                int[] extraIdx = indexes(vars, extra);
                Map<List<Object>, List<Object[]>> index = new HashMap<>();
                for (Object[] row : relations.get(r)) {
                    index.computeIfAbsent(key(row, relKey), k -> new ArrayList<>()).add(row);
                }
                List<Object[]> out = new ArrayList<>();
                java.util.Set<List<Object>> matched = new java.util.HashSet<>();
                for (Object[] left : acc) {
                    List<Object> k = key(left, accKey);
                    List<Object[]> rights = index.get(k);
                    if (rights == null) {
                        if (rightOptional) {
                            out.add(concat(left, new Object[extra.size()]));
                        }
                        continue;
                    }
                    matched.add(k);
                    for (Object[] right : rights) {
                        out.add(concat(left, pick(right, extraIdx)));
                    }
                }
                if (leftOptional) {
                    for (Map.Entry<List<Object>, List<Object[]>> e : index.entrySet()) {
                        if (!matched.contains(e.getKey())) {
                            for (Object[] right : e.getValue()) {
                                Object[] left = new Object[accVars.size()];
                                for (int i = 0; i < accKey.length; i++) {
                                    left[accKey[i]] = right[relKey[i]];
                                }
                                out.add(concat(left, pick(right, extraIdx)));
                            }
                        }
                    }
                }
                accVars.addAll(extra);
                acc = out;
            }
            return project(acc, accVars.toArray(new String[0]));
        }

        private static boolean hasOuter(List<String> vars, List<String> shared) {
            for (String v : vars) {
                if (v.startsWith("**") && !shared.contains(v)) {
                    return true;
                }
            }
            return false;
        }

        private List<Object[]> project(List<Object[]> rows, String[] vars) {
            int[] idx = indexes(List.of(vars), List.of(joinedVars));
            List<Object[]> out = new ArrayList<>(rows.size());
            for (Object[] r : rows) {
                out.add(pick(r, idx));
            }
            return out;
        }

        private static int[] indexes(List<String> from, List<String> which) {
            int[] out = new int[which.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = from.indexOf(which.get(i));
            }
            return out;
        }

        private static List<Object> key(Object[] row, int[] idx) {
            List<Object> k = new ArrayList<>(idx.length);
            for (int i : idx) {
                k.add(new EquivKey(row[i]));
            }
            return k;
        }

        private static Object[] pick(Object[] row, int[] idx) {
            Object[] out = new Object[idx.length];
            for (int i = 0; i < idx.length; i++) {
                out[i] = idx[i] < 0 ? null : row[idx[i]];
            }
            return out;
        }

        private static Object[] concat(Object[] a, Object[] b) {
            Object[] out = new Object[a.length + b.length];
            System.arraycopy(a, 0, out, 0, a.length);
            System.arraycopy(b, 0, out, a.length, b.length);
            return out;
        }
    }

    /** A key compared with Clojure equality (1 and 1L join). */
    static final class EquivKey {
        final Object value;

        EquivKey(Object value) {
            this.value = value;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof EquivKey && Util.equiv(value, ((EquivKey) o).value);
        }

        @Override
        public int hashCode() {
            return Util.hasheq(value);
        }
    }

    // ------------------------------------------------------------------------------ aggregation phases

    /** Aggregators into vars, optionally grouped by keys: one output row per group (one with no keys). */
    public static final class GroupedAggs extends AggPhase {
        private final int[] keyIdx;
        private final AggPlans.Plan[] plans;
        private final int[] outSlots;
        private final int depth;

        public GroupedAggs(int[] keyIdx, AggPlans.Plan[] plans, int[] outSlots) {
            this.keyIdx = keyIdx.clone();
            this.plans = plans.clone();
            this.outSlots = outSlots.clone();
            this.depth = maxDepth(plans);
        }

        @Override
        public boolean allCombiners() {
            for (AggPlans.Plan p : plans) {
                if (!p.allCombiners()) {
                    return false;
                }
            }
            return true;
        }

        @Override
        boolean mergeable() {
            for (AggPlans.Plan p : plans) {
                if (!p.mergeable()) {
                    return false;
                }
            }
            return true;
        }

        @Override
        void addToPartial(Map<List<Object>, Object[]> groups, int[] rowSlots, Frame f) {
            List<Object> k = new ArrayList<>(keyIdx.length);
            for (int i : keyIdx) {
                k.add(new EquivKey(f.slots[rowSlots[i]]));
            }
            Object[] states = groups.computeIfAbsent(k, x -> new Object[plans.length]);
            Object[] keys = new Object[depth];
            for (int p = 0; p < plans.length; p++) {
                states[p] = plans[p].apply(states[p], f, keys, 0, null);
            }
        }

        @Override
        public List<Object[]> aggregate(List<Object[]> rows, int[] rowSlots, Frame f) {
            return aggregate(rows, rowSlots, f, List.of());
        }

        @Override
        List<Object[]> aggregate(List<Object[]> rows, int[] rowSlots, Frame f, List<Object[]> partials) {
            Map<List<Object>, Object[]> groups = new LinkedHashMap<>();
            Object[] keys = new Object[depth];
            for (Object[] partial : partials) {
                List<Object> k = new ArrayList<>(keyIdx.length);
                for (int i = 0; i < keyIdx.length; i++) {
                    k.add(new EquivKey(partial[i]));
                }
                Object[] states = groups.computeIfAbsent(k, x -> new Object[plans.length]);
                for (int p = 0; p < plans.length; p++) {
                    states[p] = plans[p].merge(states[p], partial[keyIdx.length + p], keys, 0, null);
                }
            }
            for (Object[] row : rows) {
                for (int i = 0; i < rowSlots.length; i++) {
                    f.slots[rowSlots[i]] = row[i];
                }
                List<Object> k = new ArrayList<>(keyIdx.length);
                for (int i : keyIdx) {
                    k.add(new EquivKey(row[i]));
                }
                Object[] states = groups.computeIfAbsent(k, x -> new Object[plans.length]);
                for (int p = 0; p < plans.length; p++) {
                    states[p] = plans[p].apply(states[p], f, keys, 0, null);
                }
            }
            if (groups.isEmpty() && keyIdx.length == 0) {
                groups.put(List.of(), new Object[plans.length]);
            }
            List<Object[]> out = new ArrayList<>();
            for (Map.Entry<List<Object>, Object[]> g : groups.entrySet()) {
                Object[] row = new Object[keyIdx.length + plans.length];
                for (int i = 0; i < keyIdx.length; i++) {
                    row[i] = ((EquivKey) g.getKey().get(i)).value;
                }
                for (int p = 0; p < plans.length; p++) {
                    row[keyIdx.length + p] = plans[p].finish(g.getValue()[p]);
                }
                out.add(row);
            }
            return out;
        }

        @Override
        public int[] outSlots() {
            return outSlots;
        }
    }

    /**
     * Aggregation into PStates (and temporary PStates). Without captureNewValInto the
     * post-aggregation code runs once; with it, once per changed location of each aggregation
     * that captures, with the location's key vars and the final value of every captured
     * aggregator there (several captures along one chain of keys share one output row).
     */
    public static final class IntoPStates extends AggPhase {
        private final Instrs.PStateRef[] targets;
        private final AggPlans.Plan[] plans;
        private final int[] captureSlots;
        private final int[][] captureKeySlots;
        private final int[] capturePlan;
        private final int[] planDepth;
        private final int[] outSlots;
        private final int depth;

        /**
         * @param captureSlots the slot of each captured var
         * @param captureKeySlots per capture, the slot of each key of its location (-1 for a literal key)
         * @param capturePlan per capture, the index of the aggregation (plan) it belongs to
         */
        public IntoPStates(Instrs.PStateRef[] targets, AggPlans.Plan[] plans, int[] captureSlots, int[][] captureKeySlots,
                int[] capturePlan, int[] outSlots) {
            this.targets = targets.clone();
            this.plans = plans.clone();
            this.captureSlots = captureSlots.clone();
            this.captureKeySlots = captureKeySlots.clone();
            this.capturePlan = capturePlan.clone();
            this.outSlots = outSlots.clone();
            this.depth = maxDepth(plans);
            this.planDepth = new int[plans.length];
            java.util.Arrays.fill(planDepth, -1);
            for (int c = 0; c < captureSlots.length; c++) {
                planDepth[capturePlan[c]] = Math.max(planDepth[capturePlan[c]], captureKeySlots[c].length);
            }
        }

        private static List<Object> locationKey(int index, Object[] keys, int n) {
            List<Object> k = new ArrayList<>(n + 1);
            k.add(index);
            for (int i = 0; i < n; i++) {
                k.add(new EquivKey(keys[i]));
            }
            return k;
        }

        @Override
        public boolean allCombiners() {
            for (AggPlans.Plan p : plans) {
                if (!p.allCombiners()) {
                    return false;
                }
            }
            return true;
        }

        @Override
        boolean mergeable() {
            for (AggPlans.Plan p : plans) {
                if (!p.mergeable()) {
                    return false;
                }
            }
            return true;
        }

        @Override
        void addToPartial(Map<List<Object>, Object[]> groups, int[] rowSlots, Frame f) {
            Object[] states = groups.computeIfAbsent(List.of(), x -> new Object[plans.length]);
            Object[] keys = new Object[depth];
            for (int p = 0; p < plans.length; p++) {
                states[p] = plans[p].apply(states[p], f, keys, 0, null);
            }
        }

        @Override
        public List<Object[]> aggregate(List<Object[]> rows, int[] rowSlots, Frame f) {
            return aggregate(rows, rowSlots, f, List.of());
        }

        @Override
        List<Object[]> aggregate(List<Object[]> rows, int[] rowSlots, Frame f, List<Object[]> partials) {
            // the final value of each capture at each location it changed, and the changed locations
            // (the deepest captured level of each aggregation), in order of first change
            Map<List<Object>, Object> finalValues = new HashMap<>();
            Map<List<Object>, Object[]> locations = new LinkedHashMap<>();
            AggPlans.Changes[] changes = new AggPlans.Changes[plans.length];
            for (int p = 0; p < plans.length; p++) {
                if (planDepth[p] < 0) {
                    continue;
                }
                int plan = p;
                changes[p] = (keys, captureSlot, newValue) -> {
                    int c = captureOf(plan, captureSlot);
                    finalValues.put(locationKey(c, keys, keys.length), newValue);
                    if (keys.length == planDepth[plan]) {
                        locations.putIfAbsent(locationKey(plan, keys, keys.length), keys.clone());
                    }
                };
            }
            Object[] keys = new Object[depth];
            for (Object[] row : rows) {
                for (int i = 0; i < rowSlots.length; i++) {
                    f.slots[rowSlots[i]] = row[i];
                }
                for (int p = 0; p < plans.length; p++) {
                    PStateHandle h = targets[p].resolve(f);
                    h.setValue(plans[p].apply(h.value(), f, keys, 0, changes[p]));
                }
            }
            // the combine into each PState's value happens here, once, on the task owning it
            for (Object[] partial : partials) {
                for (int p = 0; p < plans.length; p++) {
                    PStateHandle h = targets[p].resolve(f);
                    h.setValue(plans[p].merge(h.value(), partial[p], keys, 0, changes[p]));
                }
            }
            if (captureSlots.length == 0) {
                List<Object[]> once = new ArrayList<>();
                once.add(new Object[0]);
                return once;
            }
            List<Object[]> out = new ArrayList<>(locations.size());
            for (Map.Entry<List<Object>, Object[]> loc : locations.entrySet()) {
                int p = (Integer) loc.getKey().get(0);
                Object[] locKeys = loc.getValue();
                Object[] row = new Object[outSlots.length];
                for (int c = 0; c < captureSlots.length; c++) {
                    if (capturePlan[c] != p) {
                        continue;
                    }
                    int[] keySlots = captureKeySlots[c];
                    for (int i = 0; i < keySlots.length; i++) {
                        if (keySlots[i] >= 0) {
                            row[indexOf(outSlots, keySlots[i])] = locKeys[i];
                        }
                    }
                    row[indexOf(outSlots, captureSlots[c])] = finalValues.get(locationKey(c, locKeys, keySlots.length));
                }
                out.add(row);
            }
            return out;
        }

        private int captureOf(int plan, int captureSlot) {
            for (int c = 0; c < captureSlots.length; c++) {
                if (captureSlots[c] == captureSlot && capturePlan[c] == plan) {
                    return c;
                }
            }
            throw new IllegalStateException("capture slot " + captureSlot + " not found");
        }

        @Override
        public int[] outSlots() {
            return outSlots;
        }
    }

    static int maxDepth(AggPlans.Plan[] plans) {
        int d = 1;
        for (AggPlans.Plan p : plans) {
            d = Math.max(d, p.depth());
        }
        return d;
    }

    static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        throw new IllegalStateException("slot " + v + " not found");
    }

    /**
     * Keeps {@code amount} rows, optionally sorted, binding their vars and index. Under a groupBy
     * the rows are grouped by the keys first, and each group keeps its own {@code amount} rows
     * (with indexes from 0 per group); output rows are the keys, the vars, then the index.
     */
    public static final class Limit extends AggPhase {
        private final ArgEval amount;
        private final int[] keyIdx;
        private final int[] varIdx;
        private final int[] sortIdx;
        private final boolean reverse;
        private final boolean withIndex;
        private final int[] outSlots;

        public Limit(ArgEval amount, int[] varIdx, int[] sortIdx, boolean reverse, boolean withIndex, int[] outSlots) {
            this(amount, new int[0], varIdx, sortIdx, reverse, withIndex, outSlots);
        }

        public Limit(ArgEval amount, int[] keyIdx, int[] varIdx, int[] sortIdx, boolean reverse, boolean withIndex,
                int[] outSlots) {
            this.amount = amount;
            this.keyIdx = keyIdx.clone();
            this.varIdx = varIdx.clone();
            this.sortIdx = sortIdx.clone();
            this.reverse = reverse;
            this.withIndex = withIndex;
            this.outSlots = outSlots.clone();
        }

        @Override
        public List<Object[]> aggregate(List<Object[]> rows, int[] rowSlots, Frame f) {
            // the amount is a constant or a var bound before the batch block
            Object a = amount.eval(f);
            if (!(a instanceof Number)) {
                throw new IllegalArgumentException("limitAgg's amount must be a number, got " + a);
            }
            int n = ((Number) a).intValue();
            Map<List<Object>, List<Object[]>> groups = new LinkedHashMap<>();
            if (keyIdx.length == 0) {
                groups.put(List.of(), rows);
            } else {
                for (Object[] row : rows) {
                    List<Object> k = new ArrayList<>(keyIdx.length);
                    for (int i : keyIdx) {
                        k.add(new EquivKey(row[i]));
                    }
                    groups.computeIfAbsent(k, x -> new ArrayList<>()).add(row);
                }
            }
            List<Object[]> out = new ArrayList<>();
            for (List<Object[]> group : groups.values()) {
                List<Object[]> sorted = new ArrayList<>(group);
                if (sortIdx.length > 0) {
                    Comparator<Object[]> cmp = (x, y) -> {
                        for (int i : sortIdx) {
                            int c = AggPlans.compare(x[i], y[i]);
                            if (c != 0) {
                                return c;
                            }
                        }
                        return 0;
                    };
                    sorted.sort(reverse ? cmp.reversed() : cmp);
                } else if (reverse) {
                    java.util.Collections.reverse(sorted);
                }
                for (int r = 0; r < Math.min(n, sorted.size()); r++) {
                    Object[] src = sorted.get(r);
                    Object[] row = new Object[keyIdx.length + varIdx.length + (withIndex ? 1 : 0)];
                    for (int i = 0; i < keyIdx.length; i++) {
                        row[i] = src[keyIdx[i]];
                    }
                    for (int i = 0; i < varIdx.length; i++) {
                        row[keyIdx.length + i] = src[varIdx[i]];
                    }
                    if (withIndex) {
                        row[row.length - 1] = r;
                    }
                    out.add(row);
                }
            }
            return out;
        }

        @Override
        public int[] outSlots() {
            return outSlots;
        }
    }
}
