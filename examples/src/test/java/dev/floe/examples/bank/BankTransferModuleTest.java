package dev.floe.examples.bank;

import dev.floe.AckLevel;
import dev.floe.Depot;
import dev.floe.Helpers;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.QueryTopologyClient;
import dev.floe.examples.LaunchConfigs;
import dev.floe.examples.bank.BankTransferModule.Deposit;
import dev.floe.examples.bank.BankTransferModule.Transfer;
import dev.floe.test.InProcessCluster;
import dev.floe.test.LaunchConfig;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bank against a plain-Java model of the same rules, on every {@link LaunchConfigs}
 * configuration, with failures injected into first attempts: money is conserved, and every balance
 * and every transfer's outcome is the model's.
 */
class BankTransferModuleTest {
    private static final String M = BankTransferModule.class.getName();
    private static final List<String> ACCOUNTS = List.of("ann", "bo", "cy", "di", "ed", "flo");
    private static final int MICROBATCHES_MAX = 8;

    @BeforeEach
    @AfterEach
    void clearKnobs() {
        BankTransferModule.FAIL_AFTER_DEBIT.clear();
        BankTransferModule.FAIL_AFTER_CREDITS.clear();
    }

    /**
     * The bank's rules in plain Java: one microbatch at a time; deposits and debits in append order,
     * then the microbatch's credits.
     */
    static final class Model {
        final Map<String, Long> funds = new HashMap<>();
        final Map<Long, Boolean> outcomes = new HashMap<>();
        long deposited;

        void microbatch(List<Object> ops) {
            Map<String, Long> credits = new HashMap<>();
            for (Object op : ops) {
                if (op instanceof Deposit d) {
                    if (d.amount() > 0) {
                        funds.merge(d.account(), d.amount(), Long::sum);
                        deposited += d.amount();
                    }
                } else {
                    Transfer t = (Transfer) op;
                    long available = funds.getOrDefault(t.from(), 0L);
                    boolean ok = t.amount() > 0 && available >= t.amount();
                    outcomes.put(t.transferId(), ok);
                    if (ok) {
                        funds.put(t.from(), available - t.amount());
                        credits.merge(t.to(), t.amount(), Long::sum);
                    }
                }
            }
            credits.forEach((a, v) -> funds.merge(a, v, Long::sum));
        }

        long balance(String account) {
            return funds.getOrDefault(account, 0L);
        }
    }

    /** Appends {@code ops} while the topology is paused, so that they form exactly one microbatch. */
    private static void runMicrobatch(InProcessCluster c, List<Object> ops, int[] processed) {
        c.pauseMicrobatchTopology(M, "bank");
        Depot depot = c.clusterDepot(M, "*bankOps");
        for (Object op : ops) {
            depot.append(op, AckLevel.APPEND_ACK);
        }
        c.resumeMicrobatchTopology(M, "bank");
        processed[0] += ops.size();
        c.waitForMicrobatchProcessedCount(M, "bank", processed[0]);
    }

    @Test
    void transfersMoveMoneyAcrossTasksAndRejectOverdrafts() {
        for (LaunchConfig config : LaunchConfigs.all()) {
            try (InProcessCluster c = InProcessCluster.create()) {
                c.launchModule(new BankTransferModule(), config);
                // three accounts on different tasks (when there are enough)
                List<String> keys = Helpers.genHashingIndexKeys("acct", 4);
                String alice = keys.get(0);
                String bob = keys.get(1);
                String carol = keys.get(2);
                int[] processed = {0};
                runMicrobatch(c, List.of(new Deposit(alice, 100), new Deposit(bob, 50), new Deposit(carol, -5)), processed);
                runMicrobatch(c, List.of(
                        new Transfer(1, alice, bob, 30),
                        new Transfer(2, bob, carol, 80),     // bob has 50: the 30 from alice is not spendable yet
                        new Transfer(3, carol, alice, 1),    // carol has nothing
                        new Transfer(4, alice, carol, 0)),   // not a positive amount
                        processed);
                runMicrobatch(c, List.of(new Transfer(5, bob, carol, 80)), processed);

                QueryTopologyClient<Long> balance = c.clusterQuery(M, "balance");
                assertEquals(70L, balance.invoke(alice), config.toString());
                assertEquals(0L, balance.invoke(bob));
                assertEquals(80L, balance.invoke(carol));
                assertEquals(0L, balance.invoke("nobody"));
                assertEquals(150L, (Long) c.clusterQuery(M, "totalFunds").invoke());
                PState outcomes = c.clusterPState(M, "$$outcomes");
                assertEquals(true, outcomes.selectOne(Path.key(alice, 1L)));
                assertEquals(false, outcomes.selectOne(Path.key(bob, 2L)));
                assertEquals(false, outcomes.selectOne(Path.key(carol, 3L)));
                assertEquals(false, outcomes.selectOne(Path.key(alice, 4L)));
                assertEquals(true, outcomes.selectOne(Path.key(bob, 5L)));
                assertNull(outcomes.selectOne(Path.key(bob, 1L)), "outcomes are kept under the sender");
            }
        }
    }

    @Test
    void aFailedAttemptLeavesNoTraceOfItsWrites() {
        for (LaunchConfig config : LaunchConfigs.all()) {
            try (InProcessCluster c = InProcessCluster.create()) {
                c.launchModule(new BankTransferModule(), config);
                List<String> keys = Helpers.genHashingIndexKeys("acct", 4);
                int[] processed = {0};
                runMicrobatch(c, List.of(new Deposit(keys.get(0), 100), new Deposit(keys.get(1), 100)), processed);
                // microbatch 1 fails once right after debiting transfer 7, then once more after all its credits
                BankTransferModule.FAIL_AFTER_DEBIT.add(7L);
                BankTransferModule.FAIL_AFTER_CREDITS.add(1L);
                runMicrobatch(c, List.of(new Transfer(6, keys.get(0), keys.get(1), 60),
                        new Transfer(7, keys.get(1), keys.get(2), 70)), processed);
                assertTrue(BankTransferModule.FAIL_AFTER_DEBIT.isEmpty() && BankTransferModule.FAIL_AFTER_CREDITS.isEmpty(),
                        "both failures were injected");
                QueryTopologyClient<Long> balance = c.clusterQuery(M, "balance");
                assertEquals(40L, balance.invoke(keys.get(0)), config.toString());
                assertEquals(90L, balance.invoke(keys.get(1)), "debited and credited once each");
                assertEquals(70L, balance.invoke(keys.get(2)));
                assertEquals(200L, (Long) c.clusterQuery(M, "totalFunds").invoke());
                PState outcomes = c.clusterPState(M, "$$outcomes");
                assertEquals(true, outcomes.selectOne(Path.key(keys.get(1), 7L)));
            }
        }
    }

    // ------------------------------------------------------------------------------ model-based

    /** One client record before transfer ids are assigned: kind 0 deposit, else transfer. */
    record Op(int kind, String a, String b, long amount) {}

    @Provide
    Arbitrary<List<List<Op>>> microbatches() {
        Arbitrary<String> account = Arbitraries.of(ACCOUNTS);
        // deposits are mostly large enough to fund a few transfers; a few are not positive
        Arbitrary<Op> deposit = Combinators.combine(account, Arbitraries.longs().between(-5, 400))
                .as((a, amount) -> new Op(0, a, a, amount));
        Arbitrary<Op> transfer = Combinators.combine(account, account, Arbitraries.longs().between(-5, 150))
                .as((from, to, amount) -> new Op(1, from, to, amount));
        Arbitrary<Op> op = Arbitraries.frequencyOf(Tuple.of(1, deposit), Tuple.of(2, transfer));
        return op.list().ofMinSize(1).ofMaxSize(25).list().ofMinSize(1).ofMaxSize(MICROBATCHES_MAX);
    }

    @Provide
    Arbitrary<Set<Integer>> failedMicrobatches() {
        return Arbitraries.integers().between(0, MICROBATCHES_MAX - 1).set().ofMaxSize(4);
    }

    @Provide
    Arbitrary<Set<Integer>> failedTransfers() {
        return Arbitraries.integers().between(0, 60).set().ofMaxSize(10);
    }

    @Property(tries = 30)
    void moneyIsConservedAndEveryBalanceIsTheModels(@ForAll("microbatches") List<List<Op>> batches,
            @ForAll @IntRange(min = 0, max = LaunchConfigs.COUNT - 1) int configIndex,
            @ForAll("failedMicrobatches") Set<Integer> failedMicrobatches,
            @ForAll("failedTransfers") Set<Integer> failedTransfers,
            @ForAll boolean deterministic, @ForAll long seed) {
        failedMicrobatches.forEach(i -> BankTransferModule.FAIL_AFTER_CREDITS.add((long) i));
        failedTransfers.forEach(i -> BankTransferModule.FAIL_AFTER_DEBIT.add((long) i));
        InProcessCluster.Options options = deterministic ? InProcessCluster.options().deterministic(seed)
                : InProcessCluster.options();
        Model model = new Model();
        long nextTransferId = 0;
        try (InProcessCluster c = options.create()) {
            c.launchModule(new BankTransferModule(), LaunchConfigs.get(configIndex));
            QueryTopologyClient<Long> balance = c.clusterQuery(M, "balance");
            QueryTopologyClient<Long> total = c.clusterQuery(M, "totalFunds");
            PState funds = c.clusterPState(M, "$$funds");
            PState outcomes = c.clusterPState(M, "$$outcomes");
            List<Transfer> transfers = new ArrayList<>();
            int[] processed = {0};
            for (List<Op> batch : batches) {
                List<Object> records = new ArrayList<>();
                for (Op op : batch) {
                    if (op.kind() == 0) {
                        records.add(new Deposit(op.a(), op.amount()));
                    } else {
                        Transfer t = new Transfer(nextTransferId++, op.a(), op.b(), op.amount());
                        transfers.add(t);
                        records.add(t);
                    }
                }
                model.microbatch(records);
                runMicrobatch(c, records, processed);
                assertEquals(model.deposited, total.invoke(), "money is conserved");
                for (String a : ACCOUNTS) {
                    assertEquals(model.balance(a), balance.invoke(a), a);
                    assertEquals(model.balance(a), (Long) funds.selectOne(Path.key(a).nullToVal(0L)), a);
                }
            }
            for (Transfer t : transfers) {
                assertEquals(model.outcomes.get(t.transferId()), outcomes.selectOne(Path.key(t.from(), t.transferId())),
                        "outcome of " + t);
            }
            int fired = 0;
            for (int i = 0; i < batches.size(); i++) {
                if (failedMicrobatches.contains(i)) {
                    assertTrue(!BankTransferModule.FAIL_AFTER_CREDITS.contains((long) i), "microbatch " + i + " failed once");
                    fired++;
                }
            }
            for (Transfer t : transfers) {
                if (model.outcomes.get(t.transferId()) && failedTransfers.contains((int) t.transferId())) {
                    assertTrue(!BankTransferModule.FAIL_AFTER_DEBIT.contains(t.transferId()), "transfer " + t + " failed once");
                    fired++;
                }
            }
            // the generators must keep exercising what this property is about
            long accepted = model.outcomes.values().stream().filter(ok -> ok).count();
            Statistics.label("transfers accepted").collect(accepted > 0);
            Statistics.label("transfers accepted").coverage(k -> k.check(true).percentage(p -> p >= 10));
            Statistics.label("injected failures fired").collect(fired > 0);
            Statistics.label("injected failures fired").coverage(k -> k.check(true).percentage(p -> p >= 15));
        } finally {
            clearKnobs();
        }
    }
}
