package dev.floe.examples.profiles;

import dev.floe.Depot;
import dev.floe.PState;
import dev.floe.Path;
import dev.floe.QueryTopologyClient;
import dev.floe.examples.LaunchConfigs;
import dev.floe.examples.profiles.ProfilesModule.Registration;
import dev.floe.test.InProcessCluster;
import dev.floe.test.LaunchConfig;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Profile registration on every {@link LaunchConfigs} configuration: ack returns say who won each
 * username, and they agree with the final PStates, including when many client threads race for the
 * same usernames and when a profile write fails and is retried.
 */
class ProfilesModuleTest {
    private static final String M = ProfilesModule.class.getName();

    @Test
    void theFirstRegistrationOfAUsernameWins() {
        for (LaunchConfig config : LaunchConfigs.all()) {
            try (InProcessCluster c = InProcessCluster.create()) {
                c.launchModule(new ProfilesModule(), config);
                Depot registrations = c.clusterDepot(M, "*registrations");
                assertEquals(Map.of("profiles", true), registrations.append(new Registration("alice", 1, "Alice")));
                assertEquals(Map.of("profiles", false), registrations.append(new Registration("alice", 2, "Other Alice")));
                assertEquals(Map.of("profiles", true), registrations.append(new Registration("bob", 2, "Bob")));
                assertEquals(Map.of("profiles", true), registrations.append(new Registration("alice", 1, "Alice")),
                        "the same registration again is not a conflict");

                PState usernameToId = c.clusterPState(M, "$$usernameToId");
                PState profiles = c.clusterPState(M, "$$profiles");
                assertEquals(1L, (Long) usernameToId.selectOne(Path.key("alice")), config.toString());
                assertEquals(2L, (Long) usernameToId.selectOne(Path.key("bob")));
                assertEquals(Map.of("username", "alice", "displayName", "Alice"), profiles.selectOne(Path.key(1L)));
                assertEquals("bob", profiles.selectOne(Path.key(2L, "username")));

                QueryTopologyClient<Map<String, Object>> byName = c.clusterQuery(M, "profileByUsername");
                assertEquals(Map.of("username", "bob", "displayName", "Bob"), byName.invoke("bob"));
                assertNull(byName.invoke("carol"), "an unknown username has no profile");
            }
        }
    }

    @Test
    void aRetriedRegistrationStillWinsItsUsername() {
        for (LaunchConfig config : LaunchConfigs.all()) {
            ProfilesModule.FAIL_AFTER_PROFILE_WRITE.clear();
            ProfilesModule.FAIL_AFTER_PROFILE_WRITE.add(7L);
            try (InProcessCluster c = InProcessCluster.create()) {
                c.launchModule(new ProfilesModule(), config);
                Depot registrations = c.clusterDepot(M, "*registrations");
                // the first attempt claims "dana" and writes the profile, then fails; the retry
                // finds "dana" claimed by user 7 itself
                assertEquals(Map.of("profiles", true), registrations.append(new Registration("dana", 7, "Dana")),
                        config.toString());
                assertTrue(ProfilesModule.FAIL_AFTER_PROFILE_WRITE.isEmpty(), "the failure was injected");
                assertEquals(Map.of("profiles", false), registrations.append(new Registration("dana", 8, "Dana 2")));
                assertEquals(Map.of("username", "dana", "displayName", "Dana"),
                        c.<Map<String, Object>>clusterQuery(M, "profileByUsername").invoke("dana"));
            } finally {
                ProfilesModule.FAIL_AFTER_PROFILE_WRITE.clear();
            }
        }
    }

    // ------------------------------------------------------------------------------ concurrency

    @Provide
    Arbitrary<List<List<String>>> clients() {
        Arbitrary<String> username = Arbitraries.of("ann", "bo", "cy", "di", "ed", "flo", "gus", "hal");
        return username.list().ofMinSize(1).ofMaxSize(40).list().ofMinSize(2).ofMaxSize(8);
    }

    /**
     * Each client thread appends its registrations with appendAsync, all threads at once. User ids
     * are unique; usernames overlap. Exactly one registration per username is acknowledged true,
     * and the PStates and the query agree with the acknowledgements.
     */
    @Property(tries = 15)
    void exactlyOneRacingRegistrationPerUsernameWins(@ForAll("clients") List<List<String>> clients,
            @ForAll @IntRange(min = 0, max = LaunchConfigs.COUNT - 1) int configIndex) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        try (InProcessCluster c = InProcessCluster.create()) {
            c.launchModule(new ProfilesModule(), LaunchConfigs.get(configIndex));
            Depot depot = c.clusterDepot(M, "*registrations");
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Registration>>> winnersPerClient = new ArrayList<>();
            List<Registration> all = new ArrayList<>();
            for (int client = 0; client < clients.size(); client++) {
                List<Registration> mine = new ArrayList<>();
                for (int i = 0; i < clients.get(client).size(); i++) {
                    String name = clients.get(client).get(i);
                    mine.add(new Registration(name, client * 1000L + i, name + " #" + client + "." + i));
                }
                all.addAll(mine);
                winnersPerClient.add(pool.submit(() -> {
                    start.await();
                    List<CompletableFuture<Map<String, Object>>> acks = new ArrayList<>();
                    for (Registration r : mine) {
                        acks.add(depot.appendAsync(r));
                    }
                    List<Registration> won = new ArrayList<>();
                    for (int i = 0; i < mine.size(); i++) {
                        Object ack = acks.get(i).get(30, TimeUnit.SECONDS).get("profiles");
                        assertTrue(ack instanceof Boolean, "the ack return is a boolean: " + ack);
                        if ((Boolean) ack) {
                            won.add(mine.get(i));
                        }
                    }
                    return won;
                }));
            }
            start.countDown();
            Map<String, Registration> winners = new HashMap<>();
            for (Future<List<Registration>> f : winnersPerClient) {
                for (Registration r : f.get(60, TimeUnit.SECONDS)) {
                    Registration before = winners.put(r.username(), r);
                    assertNull(before, "two registrations of " + r.username() + " won: " + before + " and " + r);
                }
            }

            PState usernameToId = c.clusterPState(M, "$$usernameToId");
            PState profiles = c.clusterPState(M, "$$profiles");
            QueryTopologyClient<Map<String, Object>> byName = c.clusterQuery(M, "profileByUsername");
            for (Registration r : all) {
                Registration winner = winners.get(r.username());
                assertTrue(winner != null, "someone won " + r.username());
                assertEquals(winner.userId(), (Long) usernameToId.selectOne(Path.key(r.username())));
                Map<String, Object> profile = profiles.selectOne(Path.key(r.userId()));
                if (r.equals(winner)) {
                    assertEquals(ProfilesModule.profile(r.username(), r.displayName()), profile);
                    assertEquals(profile, byName.invoke(r.username()));
                } else {
                    assertNull(profile, "a losing registration leaves no profile: " + r);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
