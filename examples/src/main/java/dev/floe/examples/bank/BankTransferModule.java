package dev.floe.examples.bank;

import dev.floe.FloeSerializable;
import dev.floe.Agg;
import dev.floe.Block;
import dev.floe.CompoundAgg;
import dev.floe.Depot;
import dev.floe.Expr;
import dev.floe.FloeModule;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.SubSource;
import dev.floe.ops.FloeFunction1;
import dev.floe.ops.FloeFunction2;
import dev.floe.ops.Ops;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bank transfers, the microbatch way: money moves between accounts exactly once, even when an
 * attempt fails halfway through.
 *
 * <p>Clients append {@link Deposit}s and {@link Transfer}s to one depot, {@code *bankOps}, which
 * puts each record on the task of the account whose money it touches first (the depositor, the
 * sender), so one account's deposits and outgoing transfers are processed in the order they were
 * appended. The microbatch topology {@code bank} runs one batch block per microbatch:
 * <ul>
 *   <li>on the sender's task, a transfer reads the sender's funds in {@code $$funds}; if they
 *       cover the (positive) amount, it debits them and records the transfer as accepted in
 *       {@code $$outcomes}, else it records it as rejected and stops;</li>
 *   <li>an accepted transfer then moves to the receiver's task ({@code hashPartition}), where the
 *       batch block's aggregation credits every receiver once with the sum it received.</li>
 * </ul>
 * Deposits are credited at once on the depositor's task. Credits from transfers land in the
 * aggregation phase, after every debit of the microbatch: money received by transfer becomes
 * spendable from the next microbatch, which makes the outcome of a microbatch independent of how
 * its tasks interleave.
 *
 * <p>A microbatch is one transaction across every task: if anything fails, every write of the
 * attempt (debits on some tasks, credits on others) is rolled back and the same microbatch runs
 * again. {@link #FAIL_AFTER_DEBIT} and {@link #FAIL_AFTER_CREDITS} inject such failures. The query
 * topologies {@code balance} (one account, on its task) and {@code totalFunds} (every task,
 * summed at the origin) read committed data.
 */
public final class BankTransferModule implements FloeModule {
    /** Adds {@code amount} (must be positive, else ignored) to an account. */
    public record Deposit(String account, long amount) implements FloeSerializable {}

    /** Moves {@code amount} from one account to another; {@code transferId} is unique per sender. */
    public record Transfer(long transferId, String from, String to, long amount) implements FloeSerializable {}

    /**
     * Failure injection: the first attempt to debit a transfer whose id is in this set throws right
     * after the debit is written (and removes the id). For tests.
     */
    public static final Set<Long> FAIL_AFTER_DEBIT = ConcurrentHashMap.newKeySet();

    /**
     * Failure injection: the first attempt of a microbatch whose id is in this set throws after
     * every debit and credit of the microbatch is written (and removes the id). For tests.
     */
    public static final Set<Long> FAIL_AFTER_CREDITS = ConcurrentHashMap.newKeySet();

    /** The account whose task a bank record belongs on: the depositor or the sender. */
    public static String owner(Object op) {
        if (op instanceof Deposit d) {
            return d.account();
        }
        if (op instanceof Transfer t) {
            return t.from();
        }
        throw new IllegalArgumentException("not a bank record: " + op);
    }

    /** Whether funds of {@code available} cover a transfer of {@code amount}. */
    public static boolean covers(Long available, Long amount) {
        return amount > 0 && available >= amount;
    }

    // The functions the topology calls, as values: the Clojure twin (floe.examples.bank) calls the
    // very same ones, so both compile to the same IR.

    /** {@link #owner} as a function value (the depot's partitioner key). */
    public static final FloeFunction1<Object, String> OWNER = BankTransferModule::owner;
    /** {@link Deposit#account}. */
    public static final FloeFunction1<Deposit, String> DEPOSIT_ACCOUNT = Deposit::account;
    /** {@link Deposit#amount}. */
    public static final FloeFunction1<Deposit, Long> DEPOSIT_AMOUNT = Deposit::amount;
    /** {@link Transfer#transferId}. */
    public static final FloeFunction1<Transfer, Long> TRANSFER_ID = Transfer::transferId;
    /** {@link Transfer#from}. */
    public static final FloeFunction1<Transfer, String> TRANSFER_FROM = Transfer::from;
    /** {@link Transfer#to}. */
    public static final FloeFunction1<Transfer, String> TRANSFER_TO = Transfer::to;
    /** {@link Transfer#amount}. */
    public static final FloeFunction1<Transfer, Long> TRANSFER_AMOUNT = Transfer::amount;
    /** {@link #covers} as a function value. */
    public static final FloeFunction2<Long, Long, Boolean> COVERS = BankTransferModule::covers;
    /** Throws once for a transfer id in {@link #FAIL_AFTER_DEBIT}; else returns the id. */
    public static final FloeFunction1<Long, Long> MAYBE_FAIL_AFTER_DEBIT = BankTransferModule::failAfterDebit;
    /** Throws once for a microbatch id in {@link #FAIL_AFTER_CREDITS}; else returns the id. */
    public static final FloeFunction1<Long, Long> MAYBE_FAIL_AFTER_CREDITS = BankTransferModule::failAfterCredits;

    private static Long failAfterDebit(Long transferId) {
        if (FAIL_AFTER_DEBIT.remove(transferId)) {
            throw new IllegalStateException("injected failure after debiting transfer " + transferId);
        }
        return transferId;
    }

    private static Long failAfterCredits(Long microbatchId) {
        if (FAIL_AFTER_CREDITS.remove(microbatchId)) {
            throw new IllegalStateException("injected failure after the credits of microbatch " + microbatchId);
        }
        return microbatchId;
    }

    @Override
    public void define(Setup setup, Topologies topologies) {
        setup.declareDepot("*bankOps", Depot.hashBy(OWNER));

        var bank = topologies.microbatch("bank");
        bank.pstate("$$funds", PState.mapSchema(String.class, Long.class));
        // sender -> transfer id -> accepted?
        bank.pstate("$$outcomes", PState.mapSchema(String.class,
                PState.mapSchema(Long.class, Boolean.class).subindexed()));
        bank.source("*bankOps").out("*microbatch")
                .batchBlock(Block.explodeMicrobatch("*microbatch").out("*op")
                        .subSource("*op",
                                SubSource.create(Deposit.class)
                                        .each(DEPOSIT_ACCOUNT, "*op").out("*account")
                                        .each(DEPOSIT_AMOUNT, "*op").out("*deposit")
                                        .keepTrue(new Expr(Ops.GREATER_THAN, "*deposit", 0L))
                                        .localTransform("$$funds",
                                                Path.key("*account").nullToVal(0L).term(Ops.PLUS_LONG, "*deposit")),
                                SubSource.create(Transfer.class)
                                        .each(TRANSFER_ID, "*op").out("*transferId")
                                        .each(TRANSFER_FROM, "*op").out("*from")
                                        .each(TRANSFER_TO, "*op").out("*to")
                                        .each(TRANSFER_AMOUNT, "*op").out("*amount")
                                        .localSelect("$$funds", Path.key("*from").nullToVal(0L)).out("*available")
                                        .each(COVERS, "*available", "*amount").out("*accepted")
                                        .localTransform("$$outcomes", Path.key("*from", "*transferId").termVal("*accepted"))
                                        .keepTrue("*accepted")
                                        .localTransform("$$funds", Path.key("*from").term(Ops.MINUS_LONG, "*amount"))
                                        .each(MAYBE_FAIL_AFTER_DEBIT, "*transferId")
                                        .anchor("debited"))
                        // only accepted transfers go on: to the receiver's task, credited in the aggregation
                        .hook("debited")
                        .hashPartition("*to")
                        .compoundAgg("$$funds", CompoundAgg.map("*to", Agg.sum("*amount"))))
                // after the batch block: every debit and credit of the attempt is written
                .each(Ops.CURRENT_MICROBATCH_ID).out("*microbatchId")
                .each(MAYBE_FAIL_AFTER_CREDITS, "*microbatchId");

        topologies.query("balance", "*account").out("*balance")
                .hashPartition("*account")
                .localSelect("$$funds", Path.key("*account").nullToVal(0L)).out("*balance")
                .originPartition();

        topologies.query("totalFunds").out("*total")
                .allPartition()
                .localSelect("$$funds", Path.mapVals()).out("*funds")
                .originPartition()
                .agg(Agg.sum("*funds")).out("*total");
    }
}
