package dev.floe.ir;

import clojure.lang.AFn;
import clojure.lang.EdnReader;
import clojure.lang.IFn;
import clojure.lang.IPersistentCollection;
import clojure.lang.IPersistentMap;
import clojure.lang.IPersistentSet;
import clojure.lang.IPersistentVector;
import clojure.lang.ISeq;
import clojure.lang.Keyword;
import clojure.lang.LineNumberingPushbackReader;
import clojure.lang.PersistentArrayMap;
import clojure.lang.PersistentHashMap;
import clojure.lang.PersistentHashSet;
import clojure.lang.PersistentList;
import clojure.lang.PersistentVector;
import clojure.lang.RT;
import clojure.lang.Symbol;
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
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The readable text form of the IR: EDN, so a printed module can be read by people, diffed, and
 * read back by {@link #read} into an equal IR.
 *
 * <ul>
 *   <li>Records print as {@code #floe.ir/Name {:field value, …}}, fields in declaration order.
 *   <li>In argument positions, variables print as symbols ({@code *x}, {@code $$p}) and literals
 *       as plain EDN values ({@code [*x 1 "a"]}); a literal that would read back as something
 *       else (a symbol, an IR record, a null outside a list) prints as {@code #floe.ir/Lit {:value …}}.
 *       Variables with names that are not EDN symbols print as {@code #floe/var "…"}.
 *   <li>Fields declared as enums print as keywords ({@code :HASH}); declared strings that are
 *       variable names as symbols ({@code :out [*y]}); declared numbers plainly.
 *   <li>Other values are EDN with type tags where EDN would lose the type: {@code #floe/int 1}
 *       keeps an {@code Integer} an {@code Integer} (likewise {@code #floe/short}, {@code #floe/byte},
 *       {@code #floe/float}, {@code #floe/biginteger}), {@code #floe/sym} and {@code #floe/kw} for
 *       symbols and keywords, {@code #floe/enum}, {@code #uuid}, {@code #floe/array} for arrays.
 *       Clojure collections print as EDN collections; unmodifiable JDK collections as
 *       {@code #floe/list […]}, {@code #floe/map {…}} and {@code #floe/set #{…}}, which read back
 *       as unmodifiable JDK collections (each kind keeps its own equality and hashing).
 *   <li>Built-in operations print by name ({@code #floe/fn "Ops.INC"}), other functions as
 *       {@code #floe/fn {:id …, :ser …}} with their Java serialized form; paths as
 *       {@code #floe/path [[:key #floe/array ["a"]] [:all]]}; origins as {@code #floe/origin "F.java:3"};
 *       any other serializable object as {@code #floe/ser "…"}.
 *   <li>Unordered maps and sets print their entries sorted by their text, so printing is deterministic.
 * </ul>
 *
 * Reading {@code #floe/ser} and {@code #floe/fn} deserializes Java objects: read only IR text you
 * produced yourself. Malformed text fails with an {@link IllegalArgumentException} saying where.
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
            ModuleIR.DepotDecl.class, ModuleIR.DepotMigration.class, ModuleIR.ObjectDecl.class, ModuleIR.MirrorDecl.class,
            ModuleIR.PStateDecl.class, ModuleIR.SourceOptions.class, ModuleIR.SourceDecl.class,
            ModuleIR.EtlTopology.class, ModuleIR.QueryTopology.class);

    private static final Map<String, Class<?>> BY_NAME = new HashMap<>();

    /** The navigators a path step may name: the methods of {@link dev.floe.Path.Impl}. */
    private static final Set<String> PATH_OPS = new HashSet<>();

    static {
        for (Class<?> c : RECORDS) {
            if (BY_NAME.put(c.getSimpleName(), c) != null) {
                throw new ExceptionInInitializerError("duplicate IR record name " + c.getSimpleName());
            }
        }
        for (Method m : dev.floe.Path.Impl.class.getMethods()) {
            if (m.getReturnType() == dev.floe.Path.Impl.class) {
                PATH_OPS.add(m.getName());
            }
        }
    }

    /** Symbols that read back as themselves: used for variable names ({@code *x}, {@code $$p}, {@code %f}). */
    private static final Pattern VAR_SYMBOL = Pattern.compile("(\\*|%|\\$\\$)[A-Za-z0-9*+!_?<>=$%&.-]*");

    /** Keyword namespaces and names that read back as themselves. */
    private static final Pattern KEYWORD_PART = Pattern.compile("[A-Za-z*+!_?<>=-][A-Za-z0-9*+!_?<>=.-]*");

    // ------------------------------------------------------------------------------ printing

    /** The text form of an IR value (a module, a node, a list of nodes, an argument, a path …). */
    public static String print(Object ir) {
        StringBuilder sb = new StringBuilder();
        write(sb, ir);
        return sb.toString();
    }

    private static boolean isIrRecord(Object o) {
        return o instanceof Record && BY_NAME.get(o.getClass().getSimpleName()) == o.getClass();
    }

    /** Writes a value whose declared type is Object (or a top-level value). */
    private static void write(StringBuilder sb, Object o) {
        if (o == null || o instanceof Boolean || o instanceof Long || o instanceof String
                || o instanceof Double || o instanceof clojure.lang.BigInt || o instanceof BigDecimal
                || o instanceof Character || o instanceof clojure.lang.Ratio) {
            sb.append(RT.printString(o));
        } else if (o instanceof Keyword) {
            writeKeyword(sb, (Keyword) o);
        } else if (o instanceof Symbol) {
            writeSymbol(sb, (Symbol) o);
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
        } else if (o instanceof UUID) {
            sb.append("#uuid \"").append(o).append('"');
        } else if (o instanceof Arg.Var) {
            sb.append("#floe/var ").append(RT.printString(((Arg.Var) o).name()));
        } else if (o instanceof Origin) {
            sb.append("#floe/origin ").append(RT.printString(((Origin) o).where()));
        } else if (o instanceof Enum) {
            sb.append("#floe/enum ").append(RT.printString(((Enum<?>) o).getDeclaringClass().getName() + "/"
                    + ((Enum<?>) o).name()));
        } else if (o instanceof FnRef) {
            writeFn(sb, (FnRef) o);
        } else if (o instanceof PathImpl) {
            writePath(sb, (PathImpl) o);
        } else if (FnRef.isFunction(o)) {
            writeFn(sb, FnRef.of(o));
        } else if (isIrRecord(o)) {
            writeRecord(sb, (Record) o);
        } else if (o instanceof Object[]) {
            sb.append("#floe/array [");
            writeItems(sb, java.util.Arrays.asList((Object[]) o));
            sb.append(']');
        } else if (o instanceof IPersistentCollection && (o instanceof IPersistentVector || o instanceof IPersistentMap
                || o instanceof IPersistentSet || o instanceof ISeq)
                && !(o instanceof clojure.lang.Sorted) && !(o instanceof clojure.lang.IRecord)) {
            writeClojure(sb, o);
        } else if (o instanceof List && isPlain(o)) {
            sb.append("#floe/list [");
            writeItems(sb, (List<?>) o);
            sb.append(']');
        } else if (o instanceof Map && isPlain(o)) {
            sb.append("#floe/map ");
            writeMap(sb, (Map<?, ?>) o, Object.class, Object.class, true);
        } else if (o instanceof Set && isPlain(o)) {
            sb.append("#floe/set ");
            writeSet(sb, (Set<?>) o, true);
        } else if (o instanceof Serializable) {
            sb.append("#floe/ser ").append(RT.printString(serialize(o)));
        } else {
            throw new IllegalArgumentException("cannot print a " + o.getClass().getName() + " in IR text: "
                    + "values in the IR must be EDN values or Serializable");
        }
    }

    /**
     * Unmodifiable JDK collections: printed as tagged EDN collections ({@code #floe/list […]},
     * {@code #floe/map {…}}, {@code #floe/set #{…}}) that read back as unmodifiable JDK collections,
     * so they keep Java's equality and hashing (a Clojure collection holding one still finds it).
     */
    private static boolean isPlain(Object o) {
        String n = o.getClass().getName();
        return n.startsWith("java.util.ImmutableCollections") || n.startsWith("java.util.Collections$Unmodifiable")
                || n.equals("java.util.Collections$EmptyList") || n.equals("java.util.Collections$EmptyMap")
                || n.equals("java.util.Collections$EmptySet") || n.startsWith("java.util.Collections$Singleton");
    }

    /**
     * Collections whose iteration order depends on hashing: printed sorted, so the text is
     * deterministic (an array map or a LinkedHashMap keeps its order, which reads back the same).
     */
    private static boolean isUnordered(Object o) {
        return o instanceof PersistentHashMap || o instanceof PersistentHashSet
                || o.getClass() == HashMap.class || o.getClass() == HashSet.class
                || o.getClass().getName().startsWith("java.util.ImmutableCollections$Map")
                || o.getClass().getName().startsWith("java.util.ImmutableCollections$Set");
    }

    private static void writeKeyword(StringBuilder sb, Keyword k) {
        String ns = k.getNamespace();
        String name = k.getName();
        if ((ns == null || KEYWORD_PART.matcher(ns).matches()) && KEYWORD_PART.matcher(name).matches()) {
            sb.append(k);
        } else {
            sb.append("#floe/kw [").append(RT.printString(ns)).append(' ').append(RT.printString(name)).append(']');
        }
    }

    private static void writeSymbol(StringBuilder sb, Symbol s) {
        if (Symbol.intern(s.toString()).equals(s)) {
            sb.append("#floe/sym ").append(RT.printString(s.toString()));
        } else {
            sb.append("#floe/sym [").append(RT.printString(s.getNamespace())).append(' ')
                    .append(RT.printString(s.getName())).append(']');
        }
    }

    private static void writePath(StringBuilder sb, PathImpl p) {
        sb.append("#floe/path [");
        boolean first = true;
        for (PathStep step : p.steps()) {
            if (!first) {
                sb.append(' ');
            }
            first = false;
            sb.append("[:").append(step.op());
            for (Object a : step.args()) {
                sb.append(' ');
                write(sb, a);
            }
            sb.append(']');
        }
        sb.append(']');
    }

    private static void writeClojure(StringBuilder sb, Object o) {
        if (o instanceof IPersistentMap) {
            writeMap(sb, (Map<?, ?>) o, Object.class, Object.class, isUnordered(o));
        } else if (o instanceof IPersistentVector) {
            sb.append('[');
            writeItems(sb, (List<?>) o);
            sb.append(']');
        } else if (o instanceof IPersistentSet) {
            writeSet(sb, (Set<?>) o, isUnordered(o));
        } else {
            sb.append('(');
            writeItems(sb, new ArrayList<>((Collection<?>) o));
            sb.append(')');
        }
    }

    private static void writeSet(StringBuilder sb, Set<?> s, boolean sort) {
        List<String> items = new ArrayList<>(s.size());
        for (Object x : s) {
            items.add(print(x));
        }
        if (sort) {
            items.sort(Comparator.naturalOrder());
        }
        sb.append("#{").append(String.join(" ", items)).append('}');
    }

    private static void writeMap(StringBuilder sb, Map<?, ?> m, Type keyType, Type valueType, boolean sort) {
        List<String[]> entries = new ArrayList<>(m.size());
        for (Map.Entry<?, ?> e : m.entrySet()) {
            StringBuilder k = new StringBuilder();
            writeTyped(k, e.getKey(), keyType, false);
            StringBuilder v = new StringBuilder();
            writeTyped(v, e.getValue(), valueType, false);
            entries.add(new String[] {k.toString(), v.toString()});
        }
        if (sort) {
            entries.sort(Comparator.comparing(kv -> kv[0]));
        }
        sb.append('{');
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(entries.get(i)[0]).append(' ').append(entries.get(i)[1]);
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
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(':').append(rc.getName()).append(' ');
            writeTyped(sb, component(r, rc), rc.getGenericType(), false);
        }
        sb.append('}');
    }

    private static Object component(Record r, RecordComponent rc) {
        try {
            return rc.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a value of a declared type: the type lets the text be shorter and still read back exactly. */
    private static void writeTyped(StringBuilder sb, Object v, Type declared, boolean inList) {
        Class<?> cls = rawClass(declared);
        if (v == null) {
            sb.append("nil");
        } else if (cls == Arg.class) {
            writeArg(sb, (Arg) v, inList);
        } else if (cls == String.class) {
            String s = (String) v;
            sb.append(VAR_SYMBOL.matcher(s).matches() ? s : RT.printString(s));
        } else if (cls.isEnum()) {
            sb.append(':').append(((Enum<?>) v).name());
        } else if (cls == int.class || cls == Integer.class || cls == long.class || cls == Long.class
                || cls == boolean.class || cls == Boolean.class) {
            sb.append(v);
        } else if (cls == List.class) {
            Type elem = typeArg(declared, 0);
            sb.append('[');
            boolean first = true;
            for (Object x : (List<?>) v) {
                if (!first) {
                    sb.append(' ');
                }
                first = false;
                writeTyped(sb, x, elem, true);
            }
            sb.append(']');
        } else if (cls == Map.class) {
            writeMap(sb, (Map<?, ?>) v, typeArg(declared, 0), typeArg(declared, 1), isUnordered(v));
        } else {
            write(sb, v);
        }
    }

    /**
     * Writes an argument: a variable as a symbol, a literal as its value. A literal prints in its
     * record form when its value would read back as something else: a symbol (a variable), an IR
     * record or function reference, or null outside a list (an absent argument).
     */
    private static void writeArg(StringBuilder sb, Arg a, boolean inList) {
        if (a instanceof Arg.Var) {
            String name = ((Arg.Var) a).name();
            if (VAR_SYMBOL.matcher(name).matches()) {
                sb.append(name);
            } else {
                write(sb, a);
            }
        } else if (a instanceof Arg.Lit) {
            Object v = ((Arg.Lit) a).value();
            if (v == null && inList) {
                sb.append("nil");
            } else if (v == null || isIrRecord(v) || v instanceof FnRef) {
                writeRecord(sb, (Record) a);
            } else {
                write(sb, v);
            }
        } else {
            writeRecord(sb, (Record) a);
        }
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
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a serialized value is not base64: " + e.getMessage(), e);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalArgumentException("cannot deserialize a value of the IR text: " + e, e);
        }
    }

    // ------------------------------------------------------------------------------ reading

    private static final Object EOF = new Object();
    private static final IPersistentMap READ_OPTIONS;

    static {
        IPersistentMap readers = PersistentHashMap.create(
                Symbol.intern("floe", "int"), tag("#floe/int", v -> Math.toIntExact(integral(v))),
                Symbol.intern("floe", "short"), tag("#floe/short", v -> narrow(v, Short.MIN_VALUE, Short.MAX_VALUE).shortValue()),
                Symbol.intern("floe", "byte"), tag("#floe/byte", v -> narrow(v, Byte.MIN_VALUE, Byte.MAX_VALUE).byteValue()),
                Symbol.intern("floe", "float"), tag("#floe/float", v -> ((Number) v).floatValue()),
                Symbol.intern("floe", "biginteger"), tag("#floe/biginteger", v -> new BigInteger((String) v)),
                Symbol.intern("floe", "sym"), tag("#floe/sym", v -> new SymbolLit(nameForm(v, Symbol::intern, Symbol::intern))),
                Symbol.intern("floe", "kw"), tag("#floe/kw", v -> nameForm(v, Keyword::intern, Keyword::intern)),
                Symbol.intern("floe", "var"), tag("#floe/var", v -> new Arg.Var((String) v)),
                Symbol.intern("floe", "origin"), tag("#floe/origin", v -> Origin.of((String) v)),
                Symbol.intern("floe", "enum"), tag("#floe/enum", IrText::readEnum),
                Symbol.intern("floe", "fn"), tag("#floe/fn", IrText::readFn),
                Symbol.intern("floe", "path"), tag("#floe/path", IrText::readPath),
                Symbol.intern("floe", "array"), tag("#floe/array", v -> ((List<?>) v).toArray()),
                Symbol.intern("floe", "list"), tag("#floe/list", IrText::readJavaList),
                Symbol.intern("floe", "map"), tag("#floe/map", IrText::readJavaMap),
                Symbol.intern("floe", "set"), tag("#floe/set", IrText::readJavaSet),
                Symbol.intern("floe", "ser"), tag("#floe/ser", v -> deserialize((String) v)),
                Symbol.intern("uuid"), tag("#uuid", v -> UUID.fromString((String) v)));
        IFn defaultReader = new AFn() {
            @Override
            public Object invoke(Object tag, Object value) {
                Symbol t = (Symbol) tag;
                if (!"floe.ir".equals(t.getNamespace())) {
                    throw new IllegalArgumentException("unknown tag #" + t);
                }
                Class<?> type = BY_NAME.get(t.getName());
                if (type == null) {
                    throw new IllegalArgumentException("unknown IR record #" + t + " (known: " + new java.util.TreeSet<>(
                            BY_NAME.keySet()) + ")");
                }
                if (!(value instanceof Map)) {
                    throw new IllegalArgumentException("#" + t + " must be followed by a map of its fields, got "
                            + RT.printString(value));
                }
                return new Tagged(type, (Map<?, ?>) value);
            }
        };
        READ_OPTIONS = PersistentArrayMap.EMPTY.assoc(Keyword.intern("readers"), readers)
                .assoc(Keyword.intern("default"), defaultReader)
                .assoc(Keyword.intern("eof"), EOF);
    }

    /**
     * Reads IR text produced by {@link #print}.
     *
     * @throws IllegalArgumentException when the text is empty, is not EDN, holds more than one
     *     value, uses an unknown tag, record, field or built-in, or a field of the wrong type
     */
    public static Object read(String text) {
        Objects.requireNonNull(text, "text");
        LineNumberingPushbackReader in = new LineNumberingPushbackReader(new StringReader(text));
        Object raw = readForm(in);
        if (raw == EOF) {
            throw new IllegalArgumentException("malformed IR text: no value (the text is empty)");
        }
        int line = in.getLineNumber();
        int column = in.getColumnNumber();
        if (readForm(in) != EOF) {
            throw new IllegalArgumentException("malformed IR text: more than one value (the first ends at line "
                    + line + ", column " + column + ")");
        }
        Object result = build(raw, Object.class);
        if (result instanceof ModuleIR && ((ModuleIR) result).version() > ModuleIR.VERSION) {
            throw new IllegalArgumentException("the module IR is version " + ((ModuleIR) result).version()
                    + ", newer than this Floe reads (" + ModuleIR.VERSION + ")");
        }
        return result;
    }

    private static Object readForm(LineNumberingPushbackReader in) {
        try {
            return EdnReader.read(in, READ_OPTIONS);
        } catch (RuntimeException e) {
            // EdnReader wraps failures (ours included) in its ReaderException; report the cause and where.
            Throwable cause = e instanceof EdnReader.ReaderException && e.getCause() != null ? e.getCause() : e;
            String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
            throw new IllegalArgumentException("malformed IR text: " + message + " (reading stopped at line "
                    + in.getLineNumber() + ", column " + in.getColumnNumber() + ")", cause);
        }
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

    /** A symbol written as {@code #floe/sym}: a literal symbol, where a bare symbol is a variable. */
    private record SymbolLit(Object symbol) {}

    /** A tagged-literal reader that turns any failure into a clear IllegalArgumentException. */
    private static IFn tag(String tag, Function<Object, Object> f) {
        return new AFn() {
            @Override
            public Object invoke(Object v) {
                try {
                    return f.apply(v);
                } catch (IllegalArgumentException e) {
                    throw e.getMessage() != null && e.getMessage().contains(tag) ? e
                            : new IllegalArgumentException("bad " + tag + " " + RT.printString(v) + ": " + e.getMessage(), e);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("bad " + tag + " " + RT.printString(v) + ": " + e, e);
                }
            }
        };
    }

    private static long integral(Object v) {
        if (!(v instanceof Long)) {
            throw new IllegalArgumentException("expected an integer");
        }
        return (Long) v;
    }

    private static Long narrow(Object v, long min, long max) {
        long n = integral(v);
        if (n < min || n > max) {
            throw new IllegalArgumentException("out of range");
        }
        return n;
    }

    /** {@code "ns/name"}, {@code "name"} or {@code [ns name]} as a symbol or keyword. */
    private static Object nameForm(Object v, Function<String, Object> of1, java.util.function.BiFunction<String, String, Object> of2) {
        if (v instanceof String) {
            return of1.apply((String) v);
        }
        List<?> l = (List<?>) v;
        if (l.size() != 2) {
            throw new IllegalArgumentException("expected \"name\" or [namespace name]");
        }
        return of2.apply((String) l.get(0), (String) l.get(1));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object readEnum(Object v) {
        String s = (String) v;
        int slash = s.lastIndexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("expected \"class/CONSTANT\"");
        }
        Class c;
        try {
            c = Class.forName(s.substring(0, slash));
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("unknown enum class " + s.substring(0, slash), e);
        }
        if (!c.isEnum()) {
            throw new IllegalArgumentException(c.getName() + " is not an enum");
        }
        return Enum.valueOf(c, s.substring(slash + 1));
    }

    private static Object readFn(Object v) {
        if (v instanceof String) {
            return FnRef.of(dev.floe.ops.BuiltIns.byName((String) v));
        }
        if (!(v instanceof Map) || !(((Map<?, ?>) v).get(Keyword.intern("ser")) instanceof String)) {
            throw new IllegalArgumentException("expected a built-in's name or {:id \"…\", :ser \"…\"}");
        }
        return FnRef.of(deserialize((String) ((Map<?, ?>) v).get(Keyword.intern("ser"))));
    }

    private static Object readJavaList(Object v) {
        ArrayList<Object> items = new ArrayList<>();
        for (Object o : (List<?>) v) {
            items.add(value(o));
        }
        return items.contains(null) ? java.util.Collections.unmodifiableList(items) : List.copyOf(items);
    }

    private static Object readJavaMap(Object v) {
        LinkedHashMap<Object, Object> m = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
            m.put(value(e.getKey()), value(e.getValue()));
        }
        return m.containsKey(null) || m.containsValue(null) ? java.util.Collections.unmodifiableMap(m) : Map.copyOf(m);
    }

    private static Object readJavaSet(Object v) {
        java.util.LinkedHashSet<Object> s = new java.util.LinkedHashSet<>();
        for (Object o : (Set<?>) v) {
            s.add(value(o));
        }
        return s.contains(null) ? java.util.Collections.unmodifiableSet(s) : Set.copyOf(s);
    }

    private static Object readPath(Object v) {
        if (!(v instanceof List)) {
            throw new IllegalArgumentException("expected a vector of steps [[:op args…] …]");
        }
        PathImpl p = PathImpl.EMPTY;
        for (Object stepForm : (List<?>) v) {
            if (!(stepForm instanceof List) || ((List<?>) stepForm).isEmpty()
                    || !(((List<?>) stepForm).get(0) instanceof Keyword)) {
                throw new IllegalArgumentException("a step must be [:op args…], got " + RT.printString(stepForm));
            }
            List<?> step = (List<?>) stepForm;
            String op = ((Keyword) step.get(0)).getName();
            if (!PATH_OPS.contains(op)) {
                throw new IllegalArgumentException("unknown navigator :" + op);
            }
            Object[] args = new Object[step.size() - 1];
            for (int i = 1; i < step.size(); i++) {
                args[i - 1] = value(step.get(i));
            }
            p = PathImpl.withStep(p, new PathStep(op, args));
        }
        return p;
    }

    /** Converts a read value to the declared type of the field it fills. */
    private static Object build(Object raw, Type declared) {
        Class<?> cls = rawClass(declared);
        if (cls == Arg.class) {
            return toArg(raw);
        }
        if (raw instanceof Tagged) {
            return construct((Tagged) raw);
        }
        if (raw == null) {
            return null;
        }
        if (cls == Object.class) {
            return value(raw);
        }
        if (cls == String.class && raw instanceof Symbol) {
            return raw.toString();
        }
        if (cls.isEnum() && raw instanceof Keyword) {
            return enumConstant(cls, ((Keyword) raw).getName());
        }
        if ((cls == int.class || cls == Integer.class) && raw instanceof Long) {
            long n = (Long) raw;
            if (n != (int) n) {
                throw new IllegalArgumentException(n + " does not fit an int");
            }
            return (int) n;
        }
        if (cls == List.class && raw instanceof List) {
            Type elem = typeArg(declared, 0);
            ArrayList<Object> out = new ArrayList<>();
            for (Object o : (List<?>) raw) {
                Object x = build(o, elem);
                out.add(x == null && rawClass(elem) == Arg.class ? new Arg.Lit(null) : x);
            }
            return out;
        }
        if (cls == Map.class && raw instanceof Map) {
            Type kt = typeArg(declared, 0);
            Type vt = typeArg(declared, 1);
            LinkedHashMap<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) raw).entrySet()) {
                out.put(build(e.getKey(), kt), build(e.getValue(), vt));
            }
            return out;
        }
        return raw;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(Class cls, String name) {
        try {
            return Enum.valueOf(cls, name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown " + cls.getSimpleName() + " :" + name + " (one of "
                    + java.util.Arrays.toString(cls.getEnumConstants()) + ")", e);
        }
    }

    /** A value in an Object position: plain data, with tagged records built and functions unwrapped. */
    private static Object value(Object raw) {
        if (raw instanceof Tagged) {
            return construct((Tagged) raw);
        }
        if (raw instanceof SymbolLit) {
            return ((SymbolLit) raw).symbol();
        }
        if (raw instanceof FnRef) {
            return ((FnRef) raw).impl();
        }
        if (raw instanceof IPersistentVector) {
            List<?> in = (List<?>) raw;
            ArrayList<Object> items = new ArrayList<>(in.size());
            for (Object o : in) {
                items.add(value(o));
            }
            return PersistentVector.create(items);
        }
        if (raw instanceof IPersistentMap) {
            IPersistentMap m = PersistentArrayMap.EMPTY;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) raw).entrySet()) {
                m = m.assoc(value(e.getKey()), value(e.getValue()));
            }
            return m;
        }
        if (raw instanceof IPersistentSet) {
            ArrayList<Object> items = new ArrayList<>();
            for (Object o : (Collection<?>) raw) {
                items.add(value(o));
            }
            return PersistentHashSet.create(items);
        }
        if (raw instanceof ISeq || raw instanceof clojure.lang.IPersistentList) {
            ArrayList<Object> items = new ArrayList<>();
            for (Object o : (Collection<?>) raw) {
                items.add(value(o));
            }
            return PersistentList.create(items);
        }
        if (raw instanceof Object[]) {
            Object[] in = (Object[]) raw;
            Object[] out = new Object[in.length];
            for (int i = 0; i < in.length; i++) {
                out[i] = value(in[i]);
            }
            return out;
        }
        return raw;
    }

    private static Arg toArg(Object raw) {
        if (raw == null) {
            return null;
        }
        if (raw instanceof Tagged) {
            Object o = construct((Tagged) raw);
            if (!(o instanceof Arg)) {
                throw new IllegalArgumentException("expected an argument, got #floe.ir/" + o.getClass().getSimpleName());
            }
            return (Arg) o;
        }
        if (raw instanceof Arg) {
            return (Arg) raw;
        }
        if (raw instanceof Symbol) {
            return new Arg.Var(raw.toString());
        }
        return new Arg.Lit(value(raw));
    }

    private static Object construct(Tagged t) {
        String name = "#floe.ir/" + t.type.getSimpleName();
        RecordComponent[] rcs = t.type.getRecordComponents();
        Set<Object> known = new HashSet<>();
        for (RecordComponent rc : rcs) {
            known.add(Keyword.intern(rc.getName()));
        }
        for (Object k : t.fields.keySet()) {
            if (!known.contains(k)) {
                StringBuilder fields = new StringBuilder();
                for (RecordComponent rc : rcs) {
                    fields.append(" :").append(rc.getName());
                }
                throw new IllegalArgumentException(name + " has no field " + RT.printString(k) + " (its fields:"
                        + fields + ")");
            }
        }
        Object[] values = new Object[rcs.length];
        Class<?>[] types = new Class<?>[rcs.length];
        for (int i = 0; i < rcs.length; i++) {
            types[i] = rcs[i].getType();
            Object raw = t.fields.get(Keyword.intern(rcs[i].getName()));
            try {
                values[i] = build(raw, rcs[i].getGenericType());
                values[i] = defaultIfAbsent(values[i], types[i]);
                checkType(values[i], rcs[i].getGenericType());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + " field :" + rcs[i].getName() + ": " + e.getMessage(), e);
            }
        }
        try {
            Constructor<?> c = t.type.getDeclaredConstructor(types);
            return c.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("cannot build " + name + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot build " + name + ": " + e, e);
        }
    }

    /** Absent primitive fields read as false / 0. */
    private static Object defaultIfAbsent(Object v, Class<?> type) {
        if (v != null || !type.isPrimitive()) {
            return v;
        }
        if (type == boolean.class) {
            return Boolean.FALSE;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        throw new IllegalArgumentException("a " + type + " is required");
    }

    /** Fails clearly when a value read does not have the declared type (including list elements and map entries). */
    private static void checkType(Object v, Type declared) {
        if (v == null) {
            return;
        }
        Class<?> cls = box(rawClass(declared));
        if (!cls.isInstance(v)) {
            throw new IllegalArgumentException("expected " + describe(declared) + ", got " + describeValue(v));
        }
        if (cls == List.class) {
            for (Object x : (List<?>) v) {
                if (x == null) {
                    throw new IllegalArgumentException("expected " + describe(declared) + ", got a nil element");
                }
                checkType(x, typeArg(declared, 0));
            }
        } else if (cls == Map.class) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    throw new IllegalArgumentException("expected " + describe(declared) + ", got a nil key or value");
                }
                checkType(e.getKey(), typeArg(declared, 0));
                checkType(e.getValue(), typeArg(declared, 1));
            }
        }
    }

    private static String describe(Type t) {
        return t.getTypeName().replace("java.lang.", "").replace("java.util.", "").replace("dev.floe.ir.", "")
                .replace('$', '.');
    }

    private static String describeValue(Object v) {
        String text = v instanceof Collection ? v.getClass().getSimpleName() : RT.printString(v);
        if (text.length() > 60) {
            text = text.substring(0, 60) + "…";
        }
        return text + " (" + v.getClass().getName() + ")";
    }

    private static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        if (c == boolean.class) {
            return Boolean.class;
        }
        if (c == int.class) {
            return Integer.class;
        }
        if (c == long.class) {
            return Long.class;
        }
        if (c == double.class) {
            return Double.class;
        }
        if (c == float.class) {
            return Float.class;
        }
        if (c == short.class) {
            return Short.class;
        }
        if (c == byte.class) {
            return Byte.class;
        }
        return Character.class;
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
