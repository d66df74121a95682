package dev.floe.builder;

import dev.floe.Block;
import dev.floe.Depot;
import dev.floe.FloeModule;
import dev.floe.PState;
import dev.floe.ir.FnRef;
import dev.floe.ir.ModuleIR;
import dev.floe.ir.Origin;
import dev.floe.module.MicrobatchSourceOptions;
import dev.floe.module.MicrobatchTopology;
import dev.floe.module.StreamSourceOptions;
import dev.floe.module.StreamTopology;
import dev.floe.ops.FloeFunction2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a module's {@code define} and records what it declares, then produces the module's IR.
 * Declarations are collected in order; the IR is built when {@code define} has returned, so
 * chains started in define (sources, query bodies) are complete.
 */
public final class ModuleBuilder implements FloeModule.Setup, FloeModule.Topologies {
    private final List<DepotBuilder> depots = new ArrayList<>();
    private final List<ModuleIR.ObjectDecl> objects = new ArrayList<>();
    private final List<ModuleIR.MirrorDecl> mirrors = new ArrayList<>();
    private final List<EtlBuilder<?>> etls = new ArrayList<>();
    private final List<QueryBuilder> queries = new ArrayList<>();
    private final Map<String, Object> options = new LinkedHashMap<>();

    /** The IR of a module: runs its define. */
    public static ModuleIR define(FloeModule module) {
        ModuleBuilder b = new ModuleBuilder();
        module.define(b, b);
        return b.toIR(module.getModuleName());
    }

    ModuleIR toIR(String name) {
        List<ModuleIR.DepotDecl> ds = new ArrayList<>();
        for (DepotBuilder d : depots) {
            ds.add(d.toIR());
        }
        List<ModuleIR.EtlTopology> ts = new ArrayList<>();
        for (EtlBuilder<?> t : etls) {
            ts.add(t.toIR());
        }
        List<ModuleIR.QueryTopology> qs = new ArrayList<>();
        for (QueryBuilder q : queries) {
            qs.add(q.toIR());
        }
        return new ModuleIR(ModuleIR.VERSION, name, ds, objects, mirrors, ts, qs, options);
    }

    // ------------------------------------------------------------------------------ setup

    static final class DepotBuilder implements Depot.Declaration {
        final String name;
        final ModuleIR.DepotPartitioning partitioning;
        final Long tickMillis;
        final Origin origin;
        boolean global;
        ModuleIR.DepotMigration migration;

        DepotBuilder(String name, ModuleIR.DepotPartitioning partitioning, Long tickMillis, Origin origin) {
            this.name = name;
            this.partitioning = partitioning;
            this.tickMillis = tickMillis;
            this.origin = origin;
        }

        @Override
        public Depot.Declaration global() {
            global = true;
            return this;
        }

        @Override
        public Depot.Declaration migration(String migrationId, dev.floe.ops.FloeFunction1<?, ?> migrationFunction) {
            if (migrationId == null || migrationFunction == null) {
                throw new IllegalArgumentException("migration of depot " + name + " needs an id and a function");
            }
            migration = new ModuleIR.DepotMigration(migrationId, dev.floe.ir.FnRef.of(migrationFunction));
            return this;
        }

        ModuleIR.DepotDecl toIR() {
            return new ModuleIR.DepotDecl(name, partitioning, global || tickMillis != null, tickMillis, migration, origin);
        }
    }

    @Override
    public Depot.Declaration declareDepot(String var, Depot.Partitioner partitioner) {
        if (!(partitioner instanceof DepotPartitioners.Spec)) {
            throw new IllegalArgumentException("declareDepot(" + var + ", ...) needs Depot.random(), Depot.hashBy(...) "
                    + "or Depot.disallow(), or a Depot.Partitioning class");
        }
        DepotBuilder d = new DepotBuilder(var, ((DepotPartitioners.Spec) partitioner).ir(), null, Origin.caller());
        depots.add(d);
        return d;
    }

    @Override
    public Depot.Declaration declareDepot(String var, Class<? extends Depot.Partitioning<?>> partitioner) {
        DepotBuilder d = new DepotBuilder(var, DepotPartitioners.custom(partitioner), null, Origin.caller());
        depots.add(d);
        return d;
    }

    @Override
    public void declareTickDepot(String var, long frequencyMillis) {
        if (frequencyMillis <= 0) {
            throw new IllegalArgumentException("tick depot " + var + " needs a positive frequency, got " + frequencyMillis);
        }
        depots.add(new DepotBuilder(var, new ModuleIR.DepotPartitioning(ModuleIR.DepotPartitioning.Kind.DISALLOW, null,
                null), frequencyMillis, Origin.caller()));
    }

    @Override
    public void declareObject(String var, Object obj) {
        objects.add(new ModuleIR.ObjectDecl(var, obj, Origin.caller()));
    }

    @Override
    public void clusterDepot(String var, String moduleName, String depotName) {
        mirrors.add(new ModuleIR.MirrorDecl(ModuleIR.MirrorDecl.Kind.DEPOT, var, moduleName, depotName, Origin.caller()));
    }

    @Override
    public void clusterPState(String var, String moduleName, String pstateName) {
        mirrors.add(new ModuleIR.MirrorDecl(ModuleIR.MirrorDecl.Kind.PSTATE, var, moduleName, pstateName, Origin.caller()));
    }

    @Override
    public void clusterQuery(String var, String moduleName, String queryName) {
        mirrors.add(new ModuleIR.MirrorDecl(ModuleIR.MirrorDecl.Kind.QUERY, var, moduleName, queryName, Origin.caller()));
    }

    @Override
    public void setLaunchModuleDynamicOption(String option, Object value) {
        options.put("module/" + option, value);
    }

    @Override
    public void setLaunchDepotDynamicOption(String depotVar, String option, Object value) {
        options.put("depot/" + depotVar + "/" + option, value);
    }

    @Override
    public void setLaunchTopologyDynamicOption(String topology, String option, Object value) {
        options.put("topology/" + topology + "/" + option, value);
    }

    @Override
    public void setLaunchPStateDynamicOption(String pstateVar, String option, Object value) {
        options.put("pstate/" + pstateVar + "/" + option, value);
    }

    // ------------------------------------------------------------------------------ topologies

    @Override
    public StreamTopology stream(String name) {
        StreamBuilder s = new StreamBuilder(name);
        etls.add(s);
        return s;
    }

    @Override
    public MicrobatchTopology microbatch(String name) {
        MicrobatchBuilder m = new MicrobatchBuilder(name);
        etls.add(m);
        return m;
    }

    @Override
    public Block.Out query(String name, String... inputVars) {
        QueryBuilder q = new QueryBuilder(name, List.of(inputVars), Origin.caller());
        queries.add(q);
        return q;
    }

    static final class PStateBuilder implements PState.Declaration {
        final String name;
        final Object schema;
        final Origin origin;
        boolean global;
        boolean hasInitial;
        Object initial;
        boolean isPrivate;
        FnRef keyPartitioner;

        PStateBuilder(String name, Object schema, Origin origin) {
            this.name = name;
            this.schema = schema;
            this.origin = origin;
        }

        @Override
        public PState.Declaration global() {
            global = true;
            return this;
        }

        @Override
        public PState.Declaration initialValue(Object value) {
            hasInitial = true;
            initial = value;
            return this;
        }

        @Override
        public PState.Declaration makePrivate() {
            isPrivate = true;
            return this;
        }

        @Override
        public <T> PState.Declaration keyPartitioner(Class<? extends FloeFunction2<Integer, T, Integer>> partitioner) {
            try {
                keyPartitioner = FnRef.of(partitioner.getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("a key partitioner needs a public no-arg constructor: "
                        + partitioner.getName(), e);
            }
            return this;
        }

        ModuleIR.PStateDecl toIR() {
            return new ModuleIR.PStateDecl(name, SchemaBuilder.toIR(schema), global, hasInitial, initial, isPrivate,
                    keyPartitioner, origin);
        }
    }

    private abstract static class EtlBuilder<O> {
        final String name;
        final ModuleIR.EtlTopology.Kind kind;
        final List<PStateBuilder> pstates = new ArrayList<>();
        final List<Object[]> sources = new ArrayList<>();

        EtlBuilder(String name, ModuleIR.EtlTopology.Kind kind) {
            this.name = name;
            this.kind = kind;
        }

        PState.Declaration addPState(String var, Object schema) {
            PStateBuilder p = new PStateBuilder(var, schema, Origin.caller());
            pstates.add(p);
            return p;
        }

        Block.OutImpl addSource(String depotVar, ModuleIR.SourceOptions options) {
            SourceBlock b = new SourceBlock();
            sources.add(new Object[] {depotVar, options, b, Origin.caller()});
            return b;
        }

        ModuleIR.EtlTopology toIR() {
            List<ModuleIR.PStateDecl> ps = new ArrayList<>();
            for (PStateBuilder p : pstates) {
                ps.add(p.toIR());
            }
            List<ModuleIR.SourceDecl> ss = new ArrayList<>();
            for (Object[] s : sources) {
                SourceBlock b = (SourceBlock) s[2];
                ss.add(new ModuleIR.SourceDecl((String) s[0], (ModuleIR.SourceOptions) s[1], b.outVars(), b.bodyNodes(),
                        (Origin) s[3]));
            }
            return new ModuleIR.EtlTopology(kind, name, ps, ss);
        }
    }

    private static final class StreamBuilder extends EtlBuilder<StreamSourceOptions> implements StreamTopology {
        StreamBuilder(String name) {
            super(name, ModuleIR.EtlTopology.Kind.STREAM);
        }

        @Override
        public PState.Declaration pstate(String var, Class<?> schema) {
            return addPState(var, schema);
        }

        @Override
        public PState.Declaration pstate(String var, PState.Schema schema) {
            return addPState(var, schema);
        }

        @Override
        public Block.OutImpl source(String depotVar) {
            return addSource(depotVar, ModuleIR.SourceOptions.DEFAULT);
        }

        @Override
        public Block.OutImpl source(String depotVar, StreamSourceOptions options) {
            return addSource(depotVar, ((StreamSourceOptions.Captured) options).toIR());
        }
    }

    private static final class MicrobatchBuilder extends EtlBuilder<MicrobatchSourceOptions> implements MicrobatchTopology {
        MicrobatchBuilder(String name) {
            super(name, ModuleIR.EtlTopology.Kind.MICROBATCH);
        }

        @Override
        public PState.Declaration pstate(String var, Class<?> schema) {
            return addPState(var, schema);
        }

        @Override
        public PState.Declaration pstate(String var, PState.Schema schema) {
            return addPState(var, schema);
        }

        @Override
        public Block.OutImpl source(String depotVar) {
            return addSource(depotVar, ModuleIR.SourceOptions.DEFAULT);
        }

        @Override
        public Block.OutImpl source(String depotVar, MicrobatchSourceOptions options) {
            return addSource(depotVar, ((MicrobatchSourceOptions.Captured) options).toIR());
        }
    }

    /**
     * The block a source starts: its first {@code out} binds the record (or microbatch) var;
     * everything after is the source's dataflow.
     */
    static final class SourceBlock extends AbstractChain<Block.Impl, Block.OutImpl, Block.MultiOutImpl>
            implements Block.MultiOutImpl {
        private List<String> outVars;
        private boolean started;

        @Override
        public Block.Impl out(String... vars) {
            if (!started && outVars == null) {
                outVars = List.of(vars);
                started = true;
                return this;
            }
            return super.out(vars);
        }

        @Override
        protected Block.Impl add(dev.floe.ir.Node n) {
            started = true;
            return super.add(n);
        }

        @Override
        protected Block.MultiOutImpl addEach(Object op, Object[] args) {
            started = true;
            return super.addEach(op, args);
        }

        @Override
        protected Block.OutImpl addOut(dev.floe.ir.Node n) {
            started = true;
            return super.addOut(n);
        }

        @Override
        protected Block.Impl addMacro(Block block) {
            started = true;
            return super.addMacro(block);
        }

        List<String> outVars() {
            return outVars == null ? List.of() : outVars;
        }

        List<dev.floe.ir.Node> bodyNodes() {
            return toNodes();
        }

        @Override
        public void execute() {
            throw new IllegalStateException("a topology's source code runs in a module, not with execute()");
        }
    }

    /** A query topology: its inputs, its output var and its body. */
    static final class QueryBuilder implements Block.Out {
        final String name;
        final List<String> inputs;
        final Origin origin;
        String output;
        BlockBuilder body;

        QueryBuilder(String name, List<String> inputs, Origin origin) {
            this.name = name;
            this.inputs = inputs;
            this.origin = origin;
        }

        @Override
        public Block.Impl out(String... vars) {
            if (vars.length != 1) {
                throw new IllegalArgumentException("query topology " + name + " returns exactly one value: out takes one var, got "
                        + List.of(vars));
            }
            if (body != null) {
                throw new IllegalStateException("query topology " + name + " already has its output var " + output);
            }
            output = vars[0];
            body = new BlockBuilder();
            return body;
        }

        ModuleIR.QueryTopology toIR() {
            if (body == null) {
                throw new IllegalStateException("query topology " + name + " has no output var: call .out(\"*result\")");
            }
            return new ModuleIR.QueryTopology(name, inputs, output, body.toNodes(), origin);
        }
    }
}
