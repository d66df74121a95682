package dev.floe.examples.profiles;

import dev.floe.FloeSerializable;
import dev.floe.Block;
import dev.floe.Depot;
import dev.floe.Expr;
import dev.floe.FloeModule;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.ops.FloeFunction1;
import dev.floe.ops.FloeFunction2;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Profile registration with unique usernames, the stream way: however many clients race for a
 * username, exactly one gets it, and each learns at once whether it did.
 *
 * <p>A client picks a fresh user id and appends a {@link Registration} to {@code *registrations},
 * which puts every registration of one username on the same task ({@code hashBy} the username).
 * A task processes one event at a time, so the check-then-claim on {@code $$usernameToId} needs
 * no lock: the first registration of a username claims it; any later one, by another user id,
 * finds it taken. The winner's profile is written to {@code $$profiles} on the task of its user id
 * ({@code hashPartition}). The stream topology tells the appender the outcome through
 * {@code ackReturn}: {@code append} returns {@code {"profiles" true}} or {@code {"profiles" false}}.
 *
 * <p>Stream topologies are at-least-once: if the profile write fails, the record runs again from
 * the start, and by then the username is already claimed by this very registration. So the check
 * treats a username claimed by the same user id as free: registering is idempotent, and a retry
 * still returns true. {@link #FAIL_AFTER_PROFILE_WRITE} injects such failures.
 *
 * <p>The query topology {@code profileByUsername} follows the same two hops: the username's task
 * for the user id, then the user id's task for the profile.
 */
public final class ProfilesModule implements FloeModule {
    /** A request to register {@code username} for a new user {@code userId}. */
    public record Registration(String username, long userId, String displayName) implements FloeSerializable {}

    /**
     * Failure injection: the first attempt to write the profile of a user id in this set throws
     * right after the write (and removes the id), so the record is retried. For tests.
     */
    public static final Set<Long> FAIL_AFTER_PROFILE_WRITE = ConcurrentHashMap.newKeySet();

    /** Whether a username claimed by {@code owner} (null when unclaimed) may be claimed by {@code userId}. */
    public static boolean isFreeFor(Long owner, Long userId) {
        return owner == null || owner.equals(userId);
    }

    /** The stored profile of a user. */
    public static Map<String, Object> profile(String username, String displayName) {
        return Map.of("username", username, "displayName", Objects.requireNonNull(displayName, "displayName"));
    }

    private static Long failAfterProfileWrite(Long userId) {
        if (FAIL_AFTER_PROFILE_WRITE.remove(userId)) {
            throw new IllegalStateException("injected failure after writing the profile of user " + userId);
        }
        return userId;
    }

    // The functions the topologies call, as values: the Clojure twin (floe.examples.profiles) calls
    // the very same ones, so both compile to the same IR.

    /** {@link Registration#username} (also the depot's partitioner key). */
    public static final FloeFunction1<Registration, String> REGISTRATION_USERNAME = Registration::username;
    /** {@link Registration#userId}. */
    public static final FloeFunction1<Registration, Long> REGISTRATION_USER_ID = Registration::userId;
    /** {@link Registration#displayName}. */
    public static final FloeFunction1<Registration, String> REGISTRATION_DISPLAY_NAME = Registration::displayName;
    /** {@link #isFreeFor} as a function value. */
    public static final FloeFunction2<Long, Long, Boolean> IS_FREE_FOR = ProfilesModule::isFreeFor;
    /** {@link #profile} as a function value. */
    public static final FloeFunction2<String, String, Map<String, Object>> PROFILE = ProfilesModule::profile;
    /** Throws once for a user id in {@link #FAIL_AFTER_PROFILE_WRITE}; else returns the id. */
    public static final FloeFunction1<Long, Long> MAYBE_FAIL_AFTER_PROFILE_WRITE = ProfilesModule::failAfterProfileWrite;

    @Override
    public void define(Setup setup, Topologies topologies) {
        setup.declareDepot("*registrations", Depot.hashBy(REGISTRATION_USERNAME));

        var s = topologies.stream("profiles");
        s.pstate("$$usernameToId", PState.mapSchema(String.class, Long.class));
        s.pstate("$$profiles", PState.mapSchema(Long.class,
                PState.fixedKeysSchema("username", String.class, "displayName", String.class)));
        s.source("*registrations").out("*registration")
                .each(REGISTRATION_USERNAME, "*registration").out("*username")
                .each(REGISTRATION_USER_ID, "*registration").out("*userId")
                .each(REGISTRATION_DISPLAY_NAME, "*registration").out("*displayName")
                .localSelect("$$usernameToId", Path.key("*username")).out("*owner")
                .ifTrue(new Expr(IS_FREE_FOR, "*owner", "*userId"),
                        Block.localTransform("$$usernameToId", Path.key("*username").termVal("*userId"))
                                .hashPartition("*userId")
                                .each(PROFILE, "*username", "*displayName").out("*profile")
                                .localTransform("$$profiles", Path.key("*userId").termVal("*profile"))
                                .each(MAYBE_FAIL_AFTER_PROFILE_WRITE, "*userId")
                                .ackReturn(true),
                        Block.ackReturn(false));

        topologies.query("profileByUsername", "*username").out("*profile")
                .hashPartition("*username")
                .localSelect("$$usernameToId", Path.key("*username")).out("*userId")
                .keepTrue("*userId")
                .hashPartition("*userId")
                .localSelect("$$profiles", Path.key("*userId")).out("*profile")
                .originPartition();
    }
}
