package dev.floe.ir;

import clojure.lang.AFn;
import clojure.lang.EdnReader;
import clojure.lang.IFn;
import clojure.lang.IPersistentCollection;
import clojure.lang.IPersistentMap;
import clojure.lang.IPersistentVector;
import clojure.lang.Keyword;
import clojure.lang.LineNumberingPushbackReader;
import clojure.lang.PersistentArrayMap;
import clojure.lang.PersistentHashMap;
import clojure.lang.PersistentVector;
import clojure.lang.RT;
import clojure.lang.Symbol;
import dev.floe.ops.FloeFunction;
import dev.floe.path.PathImpl;
import dev.floe.path.PathStep;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The readable text form of the IR: EDN, so a printed module can be read by people, diffed, and
 * read back by {@link #read} into an equal IR. Records print as {@code #floe.ir/Name {:field …}},
 * variables as symbols ({@code *x}), literals as EDN values with type tags where EDN would lose
 * the type ({@code #floe/int 1} keeps an {@code Integer} an {@code Integer}), built-in operations
 * by name ({@code #floe/fn "Ops.INC"}) and other functions and objects in Java serialized form
 * ({@code #floe/ser "…"}). Reading {@code #floe/ser} deserializes Java objects: read only IR text
 * you produced yourself.
 */
public final class IrText {
    private IrText() {}

    private static final List<Class<?>> RECORDS = List.of(
            Arg.Var.class, Arg.Lit.class, Arg.Expr.class,
            Node.StreamOut.class, Node.Each.class, Node.EachAsync.class, Node.KeepTrue.class, Node.Partition.class,
            Node.If.class, Node.CondCase.class, Node.Cond.class, Node.SubSourceCase.class, Node.SubSource.class,
            Node.Anchor.class, Node.Hook.class, Node.Branch.class, Node.Unify.class, Node.Atomic.class,
            Node.LoopVar.class, Node.Loop.class, Node.EmitLoop.class, Node.ContinueLoop.class,
            Node.YieldIfOvertime.class, Node.AckReturn.class, Node.DepotPartitionAppend.class,
            Node.InvokeQuery.class, Node.LocalSelect.class, Node.Select.class, Node.LocalTransform.class,
            Node.LocalClear.class, Node.BatchBlock.class, Node.ExplodeMicrobatch.class, Node.SubBatchDef.class,
            Node.SubBatchSource.class, Node.FreshBatchSource.class, Node.Materialize.class,
            Node.ExplodeMaterialized.class, Node.Aggregate.class, Node.GroupBy.class, Node.LimitAgg.class,
            AggSpec.class, AggSpec.TopOptions.class, Compound.Entry.class, Compound.MapTemplate.class,
            Compound.ListTemplate.class, SchemaIR.Subindex.class, SchemaIR.ClassSchema.class,
            SchemaIR.MapSchema.class, SchemaIR.ListSchema.class, SchemaIR.SetSchema.class,
            SchemaIR.FixedKeys.class, SchemaIR.Migrated.class, ModuleIR.class, ModuleIR.DepotPartitioning.class,
            ModuleIR.DepotDecl.class, ModuleIR.ObjectDecl.class, ModuleIR.MirrorDecl.class,
            ModuleIR.PStateDecl.class, ModuleIR.SourceOptions.class, ModuleIR.SourceDecl.class,
            ModuleIR.EtlTopology.class, ModuleIR.QueryTopology.class);

    private static final Map<String, Class<?>> BY_NAME = new HashMap<>();

    static {
        for (Class<?> c : RECORDS) {
            if (BY_NAME.put(c.getSimpleName(), c) != null) {
                throw new ExceptionInInitializerError("duplicate IR record name " + c.getSimpleName());
            }
        }
    }

    // ------------------------------------------------------------------------------ printing

    /** The text form of an IR value (a module, a node, a list of nodes, an argument …). */
    public static String print(Object ir) {
        StringBuilder sb = new StringBuilder();
        write(sb, ir);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object o) {
        if (o == null || o instanceof Boolean || o instanceof Long || o instanceof String
                || o instanceof Keyword || o instanceof Double || o instanceof clojure.lang.BigInt
                || o instanceof BigDecimal || o instanceof Character || o instanceof clojure.lang.Ratio) {
            sb.append(RT.printString(o));
        } else if (o instanceof Symbol) {
            sb.append("#floe/sym ").append(RT.printString(o.toString()));
        } else if (o instanceof Integer) {
            sb.append("#floe/int ").append(o);
        } else if (o instanceof Short) {
            sb.append("#floe/short ").append(o);
        } else if (o instanceof Byte) {
            sb.append("#floe/byte ").append(o);
        } else if (o instanceof Float) {
            sb.append("#floe/float ").append(RT.printString(((Float) o).doubleValue()));
        } else if (o instanceof BigInteger) {
            sb.append("#floe/biginteger \"").append(o).append('"');
        } else if (o instanceof Arg.Var) {
            sb.append(((Arg.Var) o).name());
        } else if (o instanceof Origin) {
            sb.append("#floe/origin ").append(RT.printString(((Origin) o).where()));
        } else if (o instanceof Enum) {
            sb.append("#floe/enum ").append(RT.printString(((Enum<?>) o).getDeclaringClass().getName() + "/"
                    + ((Enum<?>) o).name()));
        } else if (o instanceof FnRef) {
            writeFn(sb, (FnRef) o);
        } else if (o instanceof PathImpl) {
            sb.append("#floe/path [");
            boolean first = true;
            for (PathStep step : ((PathImpl) o).steps()) {
                if (!first) {
                    sb.append(' ');
                }
                first = false;
                sb.append('[').append(RT.printString(Keyword.intern(step.op())));
                for (Object a : step.args()) {
                    sb.append(' ');
                    write(sb, a);
                }
                sb.append(']');
            }
            sb.append(']');
        } else if (o instanceof FloeFunction || o instanceof FnRef.Named) {
            writeFn(sb, FnRef.of(o));
        } else if (o instanceof Record && BY_NAME.get(o.getClass().getSimpleName()) == o.getClass()) {
            writeRecord(sb, (Record) o);
        } else if (o instanceof Object[]) {
            sb.append("#floe/array [");
            writeItems(sb, java.util.Arrays.asList((Object[]) o));
            sb.append(']');
        } else if (o instanceof IPersistentCollection && (o instanceof IPersistentVector || o instanceof IPersistentMap
                || o instanceof clojure.lang.IPersistentSet || o instanceof clojure.lang.ISeq)
                && !(o instanceof clojure.lang.Sorted) && !(o instanceof clojure.lang.IRecord)) {
            writeClojure(sb, o);
        } else if (o instanceof List && isPlainList(o)) {
            sb.append('[');
            writeItems(sb, (List<?>) o);
            sb.append(']');
        } else if (o instanceof Map && o.getClass().getName().startsWith("java.util.ImmutableCollections")) {
            writeMap(sb, (Map<?, ?>) o);
        } else if (o instanceof Serializable) {
            sb.append("#floe/ser ").append(RT.printString(serialize(o)));
        } else {
            throw new IllegalArgumentException("cannot print a " + o.getClass().getName() + " in IR text: "
                    + "values in the IR must be EDN values or Serializable");
        }
    }

    private static boolean isPlainList(Object o) {
        String n = o.getClass().getName();
        return n.startsWith("java.util.ImmutableCollections") || n.equals("java.util.Collections$UnmodifiableRandomAccessList");
    }

    private static void writeClojure(StringBuilder sb, Object o) {
        if (o instanceof IPersistentMap) {
            writeMap(sb, (Map<?, ?>) o);
        } else if (o instanceof IPersistentVector) {
            sb.append('[');
            writeItems(sb, (List<?>) o);
            sb.append(']');
        } else if (o instanceof clojure.lang.IPersistentSet) {
            sb.append("#{");
            writeItems(sb, new ArrayList<>((Collection<?>) o));
            sb.append('}');
        } else {
            sb.append('(');
            writeItems(sb, new ArrayList<>((Collection<?>) o));
            sb.append(')');
        }
    }

    private static void writeMap(StringBuilder sb, Map<?, ?> m) {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            write(sb, e.getKey());
            sb.append(' ');
            write(sb, e.getValue());
        }
        sb.append('}');
    }

    private static void writeItems(StringBuilder sb, List<?> items) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            write(sb, items.get(i));
        }
    }

    private static void writeRecord(StringBuilder sb, Record r) {
        sb.append("#floe.ir/").append(r.getClass().getSimpleName()).append(" {");
        boolean first = true;
        for (RecordComponent rc : r.getClass().getRecordComponents()) {
            Object v;
            try {
                v = rc.getAccessor().invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(':').append(rc.getName()).append(' ');
            if (r instanceof Arg.Lit) {
                writeLit(sb, v);
            } else {
                write(sb, v);
            }
        }
        sb.append('}');
    }

    private static void writeLit(StringBuilder sb, Object v) {
        write(sb, v);
    }

    private static void writeFn(StringBuilder sb, FnRef f) {
        if (f.isBuiltIn()) {
            sb.append("#floe/fn ").append(RT.printString(f.id()));
        } else {
            if (!(f.impl() instanceof Serializable)) {
                throw new IllegalArgumentException("function " + f.id() + " is not serializable, so the IR "
                        + "cannot be printed; Floe functions (FloeFunction0..8 …) are serializable lambdas");
            }
            sb.append("#floe/fn {:id ").append(RT.printString(f.id())).append(", :ser ")
                    .append(RT.printString(serialize(f.impl()))).append('}');
        }
    }

    static String serialize(Object o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize " + o.getClass().getName(), e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    static Object deserialize(String base64) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(base64)))) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalArgumentException("cannot deserialize a value of the IR text", e);
        }
    }

    // ------------------------------------------------------------------------------ reading

    /** Reads IR text produced by {@link #print}. */
    public static Object read(String text) {
        IPersistentMap readers = PersistentHashMap.create(
                Symbol.intern("floe", "int"), fn(v -> ((Number) v).intValue()),
                Symbol.intern("floe", "short"), fn(v -> ((Number) v).shortValue()),
                Symbol.intern("floe", "byte"), fn(v -> ((Number) v).byteValue()),
                Symbol.intern("floe", "float"), fn(v -> ((Number) v).floatValue()),
                Symbol.intern("floe", "biginteger"), fn(v -> new BigInteger((String) v)),
                Symbol.intern("floe", "sym"), fn(v -> Symbol.intern((String) v)),
                Symbol.intern("floe", "origin"), fn(v -> Origin.of((String) v)),
                Symbol.intern("floe", "enum"), fn(IrText::readEnum),
                Symbol.intern("floe", "fn"), fn(IrText::readFn),
                Symbol.intern("floe", "path"), fn(IrText::readPath),
                Symbol.intern("floe", "array"), fn(v -> ((List<?>) v).toArray()),
                Symbol.intern("floe", "ser"), fn(v -> deserialize((String) v)));
        IFn defaultReader = new AFn() {
            @Override
            public Object invoke(Object tag, Object value) {
                Symbol t = (Symbol) tag;
                if (!"floe.ir".equals(t.getNamespace()) || !BY_NAME.containsKey(t.getName())) {
                    throw new IllegalArgumentException("unknown IR tag #" + t);
                }
                return new Tagged(BY_NAME.get(t.getName()), (Map<?, ?>) value);
            }
        };
        IPersistentMap opts = PersistentArrayMap.EMPTY.assoc(Keyword.intern("readers"), readers)
                .assoc(Keyword.intern("default"), defaultReader);
        Object raw = EdnReader.read(new LineNumberingPushbackReader(new StringReader(text)), opts);
        return build(raw, Object.class);
    }

    /** A record read but not yet built (its fields need coercion by declared type). */
    private static final class Tagged {
        final Class<?> type;
        final Map<?, ?> fields;

        Tagged(Class<?> type, Map<?, ?> fields) {
            this.type = type;
            this.fields = fields;
        }
    }

    private static IFn fn(Function<Object, Object> f) {
        return new AFn() {
            @Override
            public Object invoke(Object v) {
                return f.apply(v);
            }
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object readEnum(Object v) {
        String s = (String) v;
        int slash = s.lastIndexOf('/');
        try {
            Class c = Class.forName(s.substring(0, slash));
            return Enum.valueOf(c, s.substring(slash + 1));
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("unknown enum " + s, e);
        }
    }

    private static Object readFn(Object v) {
        if (v instanceof String) {
            return FnRef.of(dev.floe.ops.BuiltIns.byName((String) v));
        }
        Map<?, ?> m = (Map<?, ?>) v;
        return FnRef.of(deserialize((String) m.get(Keyword.intern("ser"))));
    }

    private static Object readPath(Object v) {
        dev.floe.Path.Impl p = dev.floe.Path.create();
        for (Object stepForm : (List<?>) v) {
            List<?> step = (List<?>) stepForm;
            String op = ((Keyword) step.get(0)).getName();
            Object[] args = new Object[step.size() - 1];
            for (int i = 1; i < step.size(); i++) {
                args[i - 1] = unwrapFn(build(step.get(i), Object.class));
            }
            p = PathImpl.withStep((PathImpl) p, new PathStep(op, args));
        }
        return p;
    }

    private static Object unwrapFn(Object o) {
        return o instanceof FnRef ? ((FnRef) o).impl() : o;
    }

    /** Converts a read value to the declared type of the field it fills. */
    private static Object build(Object raw, Type declared) {
        if (raw instanceof Tagged) {
            return construct((Tagged) raw);
        }
        Class<?> cls = rawClass(declared);
        if (cls == Arg.class) {
            return toArg(raw);
        }
        if (List.class.isAssignableFrom(cls) && raw instanceof List) {
            Type elem = typeArg(declared, 0);
            ArrayList<Object> out = new ArrayList<>();
            for (Object o : (List<?>) raw) {
                out.add(build(o, elem));
            }
            return out;
        }
        if (Map.class.isAssignableFrom(cls) && raw instanceof Map && declared instanceof ParameterizedType) {
            Type kt = typeArg(declared, 0);
            Type vt = typeArg(declared, 1);
            LinkedHashMap<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) raw).entrySet()) {
                out.put(build(e.getKey(), kt), build(e.getValue(), vt));
            }
            return out;
        }
        if (raw instanceof IPersistentVector && cls == Object.class) {
            ArrayList<Object> items = new ArrayList<>();
            for (Object o : (List<?>) raw) {
                items.add(build(o, Object.class));
            }
            return PersistentVector.create(items);
        }
        if (raw instanceof Long && (cls == int.class || cls == Integer.class)) {
            return ((Long) raw).intValue();
        }
        return raw;
    }

    private static Arg toArg(Object raw) {
        if (raw instanceof Tagged) {
            return (Arg) construct((Tagged) raw);
        }
        if (raw instanceof Symbol) {
            return new Arg.Var(raw.toString());
        }
        return new Arg.Lit(build(raw, Object.class));
    }

    private static Object construct(Tagged t) {
        RecordComponent[] rcs = t.type.getRecordComponents();
        Object[] values = new Object[rcs.length];
        Class<?>[] types = new Class<?>[rcs.length];
        for (int i = 0; i < rcs.length; i++) {
            types[i] = rcs[i].getType();
            Object raw = t.fields.get(Keyword.intern(rcs[i].getName()));
            if (t.type == Arg.Lit.class) {
                values[i] = build(raw, Object.class);
            } else {
                values[i] = build(raw, rcs[i].getGenericType());
            }
            if (values[i] == null && types[i] == boolean.class) {
                values[i] = Boolean.FALSE;
            }
            if (types[i] == long.class && values[i] instanceof Number) {
                values[i] = ((Number) values[i]).longValue();
            }
        }
        try {
            Constructor<?> c = t.type.getDeclaredConstructor(types);
            return c.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot build IR record " + t.type.getSimpleName(), e);
        }
    }

    private static Class<?> rawClass(Type t) {
        if (t instanceof Class) {
            return (Class<?>) t;
        }
        if (t instanceof ParameterizedType) {
            return (Class<?>) ((ParameterizedType) t).getRawType();
        }
        return Object.class;
    }

    private static Type typeArg(Type t, int i) {
        return t instanceof ParameterizedType ? ((ParameterizedType) t).getActualTypeArguments()[i] : Object.class;
    }

    static Set<String> recordNames() {
        return BY_NAME.keySet();
    }
}
