package dev.floe.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clojure.lang.IPersistentVector;
import clojure.lang.Keyword;
import clojure.lang.PersistentVector;
import clojure.lang.Symbol;
import dev.floe.Path;
import dev.floe.ops.FloeFunction1;
import dev.floe.ops.Ops;
import dev.floe.path.PathImpl;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The text form is readable, reads back exactly, and rejects malformed text clearly. */
class IrTextExamplesTest {
    private static Object roundTrip(Object ir) {
        Object back = IrText.read(IrText.print(ir));
        assertEquals(ir, back);
        assertEquals(ir.hashCode(), back.hashCode());
        return back;
    }

    // ------------------------------------------------------------------------------ readable text

    @Test
    void eachPrintsAsATaggedRecordWithTheBuiltInByName() {
        Node each = new Node.Each(FnRef.of(Ops.INC), List.of(new Arg.Var("*x")), List.of("*y"), List.of(),
                Origin.of("Flow.java:12"));
        String text = IrText.print(each);
        assertEquals("#floe.ir/Each {:op #floe/fn \"Ops.INC\", :args [*x], :out [*y], :streams [], "
                + ":origin #floe/origin \"Flow.java:12\"}", text);
        Node back = (Node) roundTrip(each);
        assertEquals("Flow.java:12", back.origin().where());
    }

    @Test
    void literalsPrintAsPlainValuesWithTagsOnlyWhereEdnWouldLoseTheType() {
        List<Arg> args = List.of(new Arg.Var("*x"), new Arg.Lit(1L), new Arg.Lit(2), new Arg.Lit("*s"),
                new Arg.Lit(Keyword.intern("k")), new Arg.Lit(null), new Arg.Lit(Symbol.intern("sym")),
                new Arg.Expr(FnRef.of(Ops.PLUS), List.of(new Arg.Var("$$p"), new Arg.Lit(1.5f))));
        Node each = new Node.Each(FnRef.of(Ops.TUPLE), args, List.of("*t"), List.of(), Origin.UNKNOWN);
        assertEquals("#floe.ir/Each {:op #floe/fn \"Ops.TUPLE\", :args [*x 1 #floe/int 2 \"*s\" :k nil "
                + "#floe/sym \"sym\" #floe.ir/Expr {:fn #floe/fn \"Ops.PLUS\", :args [$$p #floe/float 1.5]}], "
                + ":out [*t], :streams [], :origin #floe/origin \"\"}", IrText.print(each));
        Node.Each back = (Node.Each) roundTrip(each);
        assertInstanceOf(Integer.class, ((Arg.Lit) back.args().get(2)).value());
        assertEquals("*s", ((Arg.Lit) back.args().get(3)).value());
        assertInstanceOf(Symbol.class, ((Arg.Lit) back.args().get(6)).value());
    }

    @Test
    void anAbsentArgumentAndANullLiteralPrintDifferently() {
        assertEquals("#floe.ir/KeepTrue {:cond nil, :origin nil}", IrText.print(new Node.KeepTrue(null, null)));
        Node nullLiteral = new Node.KeepTrue(new Arg.Lit(null), null);
        assertEquals("#floe.ir/KeepTrue {:cond #floe.ir/Lit {:value nil}, :origin nil}", IrText.print(nullLiteral));
        roundTrip(nullLiteral);
        roundTrip(new Node.KeepTrue(null, null));
    }

    @Test
    void enumsPrintAsKeywordsAndOddVariableNamesAsTaggedStrings() {
        Node p = new Node.Partition(Node.PartitionKind.HASH, "$$p", null, List.of(new Arg.Var("*a b")), null);
        assertEquals("#floe.ir/Partition {:kind :HASH, :pobject $$p, :fn nil, :args [#floe/var \"*a b\"], :origin nil}",
                IrText.print(p));
        roundTrip(p);
    }

    @Test
    void pathsPrintTheirStepsAndReadBackTheFunctionObjects() {
        Node select = new Node.LocalSelect("$$p", Path.key("a", "*k").all().view(Ops.SIZE), false, List.of("*v"),
                Origin.UNKNOWN);
        assertEquals("#floe.ir/LocalSelect {:pstate $$p, :path #floe/path [[:key #floe/array [\"a\" \"*k\"]] [:all] "
                + "[:view #floe/fn \"Ops.SIZE\"]], :allowYield false, :out [*v], :origin #floe/origin \"\"}",
                IrText.print(select));
        Node.LocalSelect back = (Node.LocalSelect) roundTrip(select);
        assertSame(Ops.SIZE, ((PathImpl) back.path()).steps().get(2).args()[0]);
    }

    @Test
    void schemasPrintAsRecordsKeepingTheOrderOfFixedKeys() {
        Map<String, SchemaIR> keys = new LinkedHashMap<>();
        keys.put("name", new SchemaIR.ClassSchema("java.lang.String"));
        keys.put("age", new SchemaIR.ClassSchema("java.lang.Long"));
        SchemaIR schema = new SchemaIR.MapSchema(new SchemaIR.ClassSchema("java.lang.String"),
                new SchemaIR.FixedKeys(keys), new SchemaIR.Subindex(true));
        assertEquals("#floe.ir/MapSchema {:key #floe.ir/ClassSchema {:className \"java.lang.String\"}, "
                + ":value #floe.ir/FixedKeys {:keys {\"name\" #floe.ir/ClassSchema {:className \"java.lang.String\"}, "
                + "\"age\" #floe.ir/ClassSchema {:className \"java.lang.Long\"}}}, "
                + ":subindex #floe.ir/Subindex {:trackSize true}}", IrText.print(schema));
        SchemaIR.MapSchema back = (SchemaIR.MapSchema) roundTrip(schema);
        assertEquals(List.of("name", "age"), List.copyOf(((SchemaIR.FixedKeys) back.value()).keys().keySet()));
    }

    @Test
    void javaAndClojureCollectionsKeepTheirKind() {
        ModuleIR.ObjectDecl javaList = new ModuleIR.ObjectDecl("a", List.of(1, 2L), null);
        assertEquals("#floe.ir/ObjectDecl {:name \"a\", :value #floe/list [#floe/int 1 2], :origin nil}",
                IrText.print(javaList));
        assertInstanceOf(List.class, ((ModuleIR.ObjectDecl) roundTrip(javaList)).value());
        assertTrue(!(((ModuleIR.ObjectDecl) roundTrip(javaList)).value() instanceof IPersistentVector));

        ModuleIR.ObjectDecl vector = new ModuleIR.ObjectDecl("a", PersistentVector.create(1L, "b"), null);
        assertEquals("#floe.ir/ObjectDecl {:name \"a\", :value [1 \"b\"], :origin nil}", IrText.print(vector));
        assertInstanceOf(IPersistentVector.class, ((ModuleIR.ObjectDecl) roundTrip(vector)).value());
    }

    @Test
    void unorderedMapsPrintSortedSoTheTextIsDeterministic() {
        ModuleIR module = new ModuleIR(ModuleIR.VERSION, "m", List.of(), List.of(), List.of(), List.of(), List.of(),
                Map.of("c", 3L, "a", 1L, "b", 2L));
        assertEquals("#floe.ir/ModuleIR {:version 1, :name \"m\", :depots [], :objects [], :mirrors [], :etls [], "
                + ":queries [], :launchOptions {\"a\" 1, \"b\" 2, \"c\" 3}}", IrText.print(module));
        roundTrip(module);
    }

    @Test
    void lambdasPrintTheirIdentityAndSerializedForm() {
        FloeFunction1<Object, Object> f = x -> x;
        Node each = new Node.Each(FnRef.of(f), List.of(), List.of(), List.of(), null);
        String text = IrText.print(each);
        assertTrue(text.startsWith("#floe.ir/Each {:op #floe/fn {:id \"lambda:dev.floe.ir.IrTextExamplesTest.lambda$"),
                text);
        assertTrue(text.contains(", :ser \"rO0"), text);
        roundTrip(each);
    }

    // ------------------------------------------------------------------------------ equality

    /** A function class without equals, as users write them. */
    static final class Parse implements FloeFunction1<Object, Object> {
        private static final long serialVersionUID = 1L;
        private final String format;

        Parse(String format) {
            this.format = format;
        }

        @Override
        public Object invoke(Object x) {
            return format + x;
        }
    }

    /** A serializable object with neither equals nor toString (like a module captured as {@code this}). */
    static final class Module implements Serializable {
        private static final long serialVersionUID = 1L;
        final int offset;

        Module(int offset) {
            this.offset = offset;
        }

        FloeFunction1<Object, Object> adder() {
            return x -> ((Number) x).longValue() + offset;
        }
    }

    static FloeFunction1<Object, Object> twice(FloeFunction1<Object, Object> f) {
        return x -> f.invoke(f.invoke(x));
    }

    @Test
    void functionsCompareByCodeAcrossInstancesAndRoundTrips() {
        assertEquals(FnRef.of(new Parse("a")), FnRef.of(new Parse("a")));
        assertNotEquals(FnRef.of(new Parse("a")), FnRef.of(new Parse("b")));
        assertEquals(FnRef.of(new Module(1).adder()), FnRef.of(new Module(1).adder()));
        assertNotEquals(FnRef.of(new Module(1).adder()), FnRef.of(new Module(2).adder()));
        FloeFunction1<Object, Object> id = x -> x;
        assertEquals(FnRef.of(twice(id)), FnRef.of(twice(id)));
        for (Object f : List.of(new Parse("a"), new Module(1).adder(), twice(id))) {
            roundTrip(new Node.Each(FnRef.of(f), List.of(), List.of(), List.of(), null));
            assertEquals(FnRef.of(f), IrRoundTripPropertiesTest.javaRoundTrip(FnRef.of(f)));
        }
    }

    @Test
    void literalsCompareLikeClojureWithNaNAndFunctionsAsValues() {
        assertEquals(new Arg.Lit(1), new Arg.Lit(1L));
        assertEquals(new Arg.Lit(1).hashCode(), new Arg.Lit(1L).hashCode());
        assertEquals(new Arg.Lit(List.of(1L, "a")), new Arg.Lit(PersistentVector.create(1L, "a")));
        assertEquals(new Arg.Lit(List.of(1L, "a")).hashCode(), new Arg.Lit(PersistentVector.create(1L, "a")).hashCode());
        assertEquals(new Arg.Lit(Double.NaN), new Arg.Lit(Double.valueOf(Double.NaN)));
        assertEquals(new Arg.Lit(new Object[] {1L, "a"}), new Arg.Lit(new Object[] {1L, "a"}));
        assertEquals(new Arg.Lit(new Parse("a")), new Arg.Lit(new Parse("a")));
        assertNotEquals(new Arg.Lit(1), new Arg.Lit(1.0));
        assertNotEquals(new Arg.Lit(List.of(1L)), new Arg.Lit(Set.of(1L)));
        assertEquals(new Arg.Lit(0.0), new Arg.Lit(-0.0));
        assertEquals(new Arg.Lit(0.0).hashCode(), new Arg.Lit(-0.0).hashCode());
    }

    // ------------------------------------------------------------------------------ malformed text

    private static void assertRejected(String text, String expectedInMessage) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IrText.read(text));
        assertTrue(e.getMessage().contains(expectedInMessage),
                () -> "message of reading " + text + " was: " + e.getMessage());
    }

    @Test
    void malformedTextIsRejectedWithAClearMessage() {
        assertRejected("", "no value (the text is empty)");
        assertRejected("   ", "no value");
        assertRejected("#floe.ir/Each {:op", "malformed IR text: ");
        assertRejected("#floe.ir/Each {:op", "EOF while reading");
        assertRejected("[1 2}", "malformed IR text: Unmatched delimiter: } (reading stopped at line 1, column 6)");
        assertRejected("[1\n #floe/int \"x\"]", "bad #floe/int \"x\": expected an integer (reading stopped at line 2");
        assertRejected("[1 2", "malformed IR text");
        assertRejected("{:a}", "malformed IR text");
        assertRejected("[1] [2]", "more than one value");
        assertRejected("#floe/int 99999999999", "bad #floe/int");
        assertRejected("#floe/int \"1\"", "bad #floe/int");
        assertRejected("#floe/ser \"not base64!\"", "bad #floe/ser");
        assertRejected("#floe/path [[:nope]]", "unknown navigator :nope");
        assertRejected("#floe/path [:key]", "a step must be [:op args…]");
    }

    @Test
    void unknownTagsRecordsFieldsAndNamesAreRejected() {
        assertRejected("#foo/bar 1", "unknown tag #foo/bar");
        assertRejected("#floe.ir/Nope {}", "unknown IR record #floe.ir/Nope");
        assertRejected("#floe.ir/Anchor 5", "#floe.ir/Anchor must be followed by a map of its fields");
        assertRejected("#floe.ir/Anchor {:nam \"a\"}", "#floe.ir/Anchor has no field :nam (its fields: :name :origin)");
        assertRejected("#floe/fn \"Ops.NOPE\"", "unknown built-in operation Ops.NOPE");
        assertRejected("#floe.ir/Partition {:kind :NOPE, :args []}", "unknown PartitionKind :NOPE");
        assertRejected("#floe/enum \"java.lang.String/X\"", "is not an enum");
    }

    @Test
    void fieldsOfTheWrongTypeAreRejected() {
        assertRejected("#floe.ir/Anchor {:name 5}", "#floe.ir/Anchor field :name: expected String, got 5");
        assertRejected("#floe.ir/If {:cond *x, :then [1]}", "#floe.ir/If field :then: expected Node, got 1");
        assertRejected("#floe.ir/KeepTrue {:cond #floe.ir/Anchor {:name \"a\"}}",
                "field :cond: expected an argument, got #floe.ir/Anchor");
        assertRejected("#floe.ir/ModuleIR {:version 99999999999}", "field :version: 99999999999 does not fit an int");
        assertRejected("#floe.ir/Each {:op *x}", "field :op: expected FnRef");
    }

    @Test
    void valuesThatCannotBePrintedAreRejected() {
        Object notSerializable = new Object();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IrText.print(new ModuleIR.ObjectDecl("o", notSerializable, null)));
        assertTrue(e.getMessage().contains("cannot print a java.lang.Object"), e.getMessage());
    }

    // ------------------------------------------------------------------------------ coverage

    @Test
    void theGeneratorCoversEveryNodeRecord() {
        Set<Class<?>> permitted = new HashSet<>(Arrays.asList(Node.class.getPermittedSubclasses()));
        assertEquals(permitted, IrArbitraries.nodeArbitraries(1).keySet());
    }

    @Test
    void everyIrRecordIsKnownToTheText() {
        Set<String> records = new HashSet<>();
        for (Class<?> c : List.of(Arg.class, Node.class, AggSpec.class, Compound.class, SchemaIR.class, ModuleIR.class)) {
            collectRecords(c, records);
        }
        assertEquals(records, IrText.recordNames());
    }

    private static void collectRecords(Class<?> c, Set<String> out) {
        if (c.isRecord()) {
            out.add(c.getSimpleName());
        }
        for (Class<?> nested : c.getDeclaredClasses()) {
            collectRecords(nested, out);
        }
    }

    @org.junit.jupiter.api.Test
    void newerVersionsAreRefused() {
        ModuleIR newer = new ModuleIR(ModuleIR.VERSION + 1, "m", java.util.List.of(), java.util.List.of(),
                java.util.List.of(), java.util.List.of(), java.util.List.of(), java.util.Map.of());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> IrText.read(IrText.print(newer)));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("newer than this Floe reads"), e.getMessage());
    }
}
