package dev.floe.exec;

import java.util.ArrayList;
import java.util.List;

/** Steps that produce the rows of a batch block's sources. */
public final class BatchSources {
    private BatchSources() {}

    /**
     * explodeMicrobatch: emits every record of the microbatch. In a module it is an async boundary:
     * each task emits the records of its own depot partitions' share, with the live variables
     * shipped to it.
     */
    public static final class Explode extends BoundaryInstr {
        private final ArgEval microbatch;
        private final int outSlot;

        public Explode(StepInfo step, ArgEval microbatch, int outSlot) {
            super(step);
            this.microbatch = microbatch;
            this.outSlot = outSlot;
        }

        @Override
        public void reads(java.util.BitSet out) {
            microbatch.reads(out);
        }

        @Override
        public void writes(java.util.BitSet out) {
            if (outSlot >= 0) {
                out.set(outSlot);
            }
        }


        @Override
        public void run(Frame f) {
            f.ctx.explodeMicrobatch(this, f);
        }

        /** The value of the microbatch var. */
        public Object microbatchValue(Frame f) {
            return microbatch.eval(f);
        }

        /** Emits each record. */
        public void emitRecords(Frame f, Iterable<?> records) {
            for (Object record : records) {
                if (outSlot >= 0) {
                    f.slots[outSlot] = record;
                }
                next.emit(f);
            }
        }

        /** Emits the records of a microbatch value that is itself the records (local execution). */
        void emitLocal(Frame f) {
            Object mb = microbatchValue(f);
            if (!(mb instanceof Iterable)) {
                throw new IllegalArgumentException("explodeMicrobatch needs the microbatch var of a microbatch source, got "
                        + (mb == null ? "nil" : mb.getClass().getName()));
            }
            emitRecords(f, (Iterable<?>) mb);
        }
    }

    /** explodeMaterialized: emits the rows of a temporary PState written by materialize. */
    public static final class ExplodeRows extends BoundaryInstr {
        private final Instrs.PStateRef tmp;
        private final int[] outSlots;

        public ExplodeRows(StepInfo step, Instrs.PStateRef tmp, int[] outSlots) {
            super(step);
            this.tmp = tmp;
            this.outSlots = outSlots.clone();
        }

        @Override
        public void writes(java.util.BitSet out) {
            addAll(out, outSlots);
        }

        @Override
        public void run(Frame f) {
            f.ctx.explodeMaterialized(this, f);
        }

        /** Emits the rows the temporary PState holds on this task (after a hop, the rows of that task). */
        @Override
        public void continueIn(Frame f) {
            Object rows = tmp.resolve(f).value();
            if (rows == null) {
                return;
            }
            for (Object r : (Iterable<?>) rows) {
                List<?> row = (List<?>) r;
                if (row.size() != outSlots.length) {
                    throw new IllegalArgumentException("materialized rows have " + row.size()
                            + " value(s) but .out binds " + outSlots.length);
                }
                for (int i = 0; i < outSlots.length; i++) {
                    f.slots[outSlots[i]] = row.get(i);
                }
                next.emit(f);
            }
        }
    }

    /** subBatch: runs a nested batch computation and emits its rows. */
    public static final class SubBatch extends Instr {
        private final BatchInstr inner;
        private final int[] innerSlots;
        private final int[] outSlots;
        private List<Object[]> rows;

        private final Emitter innerEntry = new Emitter();

        public SubBatch(StepInfo step, BatchInstr inner, int[] innerSlots, int[] outSlots) {
            super(step);
            this.inner = inner;
            this.innerSlots = innerSlots.clone();
            this.outSlots = outSlots.clone();
            innerEntry.attach(inner);
        }

        @Override
        public List<Emitter> successors() {
            return List.of(innerEntry, next);
        }

        /**
         * The step collecting the nested computation's rows at its end. Run inside {@link #run}
         * (local execution: the nested block finishes synchronously) it collects; run later (in a
         * module the nested block aggregates on its own tasks) it continues the enclosing source
         * with the row right there.
         */
        public Instr collector() {
            return new Instr(step) {
                @Override
                public void run(Frame f) {
                    Object[] row = new Object[innerSlots.length];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = f.slots[innerSlots[i]];
                    }
                    if (rows != null) {
                        rows.add(row);
                        return;
                    }
                    for (int i = 0; i < outSlots.length; i++) {
                        f.slots[outSlots[i]] = row[i];
                    }
                    SubBatch.this.next.emit(f);
                }

                @Override
                public void reads(java.util.BitSet out) {
                    addAll(out, innerSlots);
                }

                @Override
                public void writes(java.util.BitSet out) {
                    addAll(out, outSlots);
                }

                @Override
                public List<Emitter> successors() {
                    return List.of(SubBatch.this.next);
                }
            };
        }

        @Override
        public void writes(java.util.BitSet out) {
            addAll(out, outSlots);
        }

        @Override
        public void run(Frame f) {
            List<Object[]> prev = rows;
            List<Object[]> collected = new ArrayList<>();
            rows = collected;
            try {
                inner.run(f);
            } finally {
                rows = prev;
            }
            for (Object[] row : collected) {
                for (int i = 0; i < outSlots.length; i++) {
                    f.slots[outSlots[i]] = row[i];
                }
                next.emit(f);
            }
        }
    }
}
