package io.sam6d.main.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.sam6d.main.PostgresTestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The job table's claim, lease and cancel rules on H2 and on a real PostgreSQL, through the migrated schema: several
 * instances racing for the same jobs each get a job at most once, expired leases are taken again, exhausted ones are
 * not.
 */
class JobStoreTests {

    private static final PostgresTestDatabase PG = PostgresTestDatabase.createSchema("job_store");
    private static final Map<String, JobStore> STORES = new ConcurrentHashMap<>();

    static List<String> databases() {
        return List.of("h2", "postgresql");
    }

    @AfterAll
    static void dropSchema() {
        PG.drop();
    }

    private static JobStore store(String db) {
        return STORES.computeIfAbsent(db, d -> {
            DataSource ds;
            if (d.equals("h2")) {
                ds = new DriverManagerDataSource("jdbc:h2:mem:job-store;DB_CLOSE_DELAY=-1", "sa", "");
                Flyway.configure().dataSource(ds).load().migrate();
            } else {
                ds = new DriverManagerDataSource(PG.jdbcUrl() + "?currentSchema=" + PG.schema(), PG.user(),
                        PG.password());
                Flyway.configure().dataSource(ds).schemas(PG.schema()).load().migrate();
            }
            return new JobStore(new JdbcTemplate(ds), Clock.systemUTC());
        });
    }

    private static Instant later() {
        return Instant.now().plusSeconds(60);
    }

    private static Instant past() {
        return Instant.now().minusSeconds(1);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void racingInstancesClaimEveryJobExactlyOnce(String db) throws Exception {
        JobStore store = store(db);
        String type = "race_" + System.nanoTime();
        Set<String> created = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 40; i++) {
            created.add(store.create(java.util.UUID.randomUUID().toString(), type, "{}", 3).jobId());
        }
        Map<String, String> winners = new ConcurrentHashMap<>();
        List<String> doubleClaims = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            String owner = "instance-" + t;
            futures.add(pool.submit(() -> {
                go.await();
                // other tests leave pending jobs of their own in the table: race for this test's jobs only
                for (List<String> ids = ours(store, created); !ids.isEmpty(); ids = ours(store, created)) {
                    for (String id : ids) {
                        if (store.claim(id, owner, later())
                                && winners.putIfAbsent(id, owner) != null) {
                            doubleClaims.add(id);
                        }
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(doubleClaims).isEmpty();
        assertThat(winners.keySet()).isEqualTo(created);
        for (String id : created) {
            JobRow row = store.find(id).orElseThrow();
            assertThat(row.status()).isEqualTo(JobStatus.RUNNING);
            assertThat(row.attempts()).isEqualTo(1);
            assertThat(row.leaseOwner()).isEqualTo(winners.get(id));
        }
    }

    private static List<String> ours(JobStore store, Set<String> created) {
        return store.claimable(10_000).stream().filter(created::contains).toList();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aLiveLeaseKeepsTheJobAndAnExpiredOneLetsAnotherInstanceTakeIt(String db) {
        JobStore store = store(db);
        String id = store.create(java.util.UUID.randomUUID().toString(), "lease", "{\"a\":1}", 3).jobId();
        assertThat(store.claim(id, "a", later())).isTrue();
        assertThat(store.claim(id, "b", later())).as("live lease").isFalse();

        // instance a dies: its lease runs out
        assertThat(store.renewLease(id, "a", past())).isTrue();
        assertThat(store.claimable(1000)).contains(id);
        assertThat(store.claim(id, "b", later())).isTrue();
        assertThat(store.find(id).orElseThrow().attempts()).isEqualTo(2);

        // a comes back: it can neither renew, report nor finish the job any more
        assertThat(store.renewLease(id, "a", later())).isFalse();
        assertThat(store.progress(id, "a", 50, "ism")).isFalse();
        assertThat(store.finish(id, "a", JobStatus.COMPLETED, "{}", null)).isFalse();
        assertThat(store.finish(id, "b", JobStatus.COMPLETED, "{\"ok\":true}", null)).isTrue();
        JobRow row = store.find(id).orElseThrow();
        assertThat(row.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(row.progress()).isEqualTo(100);
        assertThat(row.output()).isEqualTo("{\"ok\":true}");
        assertThat(row.leaseOwner()).isNull();
        assertThat(row.finishedAt()).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aJobWhoseAttemptsAreUsedUpIsNotTakenAgainButClosed(String db) {
        JobStore store = store(db);
        String id = store.create(java.util.UUID.randomUUID().toString(), "exhausted", "{}", 1).jobId();
        assertThat(store.claim(id, "a", past())).isTrue();
        assertThat(store.claimable(1000)).doesNotContain(id);
        assertThat(store.claim(id, "b", later())).isFalse();
        assertThat(store.abandoned()).extracting(JobRow::jobId).contains(id);
        assertThat(store.closeAbandoned(id, JobStatus.FAILED, "gave up")).isTrue();
        assertThat(store.closeAbandoned(id, JobStatus.FAILED, "gave up")).as("only once").isFalse();
        JobRow row = store.find(id).orElseThrow();
        assertThat(row.status()).isEqualTo(JobStatus.FAILED);
        assertThat(row.error()).isEqualTo("gave up");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void cancelStopsPendingJobsAtOnceAndFlagsRunningOnes(String db) {
        JobStore store = store(db);
        String pending = store.create(java.util.UUID.randomUUID().toString(), "cancel", "{}", 3).jobId();
        assertThat(store.cancel(pending)).isEqualTo(JobStore.CancelOutcome.CANCELLED);
        assertThat(store.find(pending).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(store.claim(pending, "a", later())).isFalse();

        String running = store.create(java.util.UUID.randomUUID().toString(), "cancel", "{}", 3).jobId();
        store.claim(running, "a", later());
        assertThat(store.cancelRequested(running)).isFalse();
        assertThat(store.cancel(running)).isEqualTo(JobStore.CancelOutcome.REQUESTED);
        assertThat(store.cancelRequested(running)).isTrue();
        assertThat(store.find(running).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
        store.finish(running, "a", JobStatus.CANCELLED, null, "cancelled by request");
        assertThat(store.cancel(running)).isEqualTo(JobStore.CancelOutcome.ALREADY_FINISHED);
        assertThat(store.cancel("no-such-job")).isEqualTo(JobStore.CancelOutcome.UNKNOWN);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aCleanShutdownHandsTheJobBackWithoutCountingTheAttempt(String db) {
        JobStore store = store(db);
        String id = store.create(java.util.UUID.randomUUID().toString(), "release", "{}", 3).jobId();
        store.claim(id, "a", later());
        assertThat(store.release(id, "a")).isTrue();
        JobRow row = store.find(id).orElseThrow();
        assertThat(row.status()).isEqualTo(JobStatus.PENDING);
        assertThat(row.attempts()).isZero();
        assertThat(row.leaseOwner()).isNull();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void onlyFinishedJobsPastTheRetentionArePurged(String db) {
        JobStore store = store(db);
        String done = store.create(java.util.UUID.randomUUID().toString(), "purge", "{}", 3).jobId();
        store.claim(done, "a", later());
        store.finish(done, "a", JobStatus.COMPLETED, "{}", null);
        String waiting = store.create(java.util.UUID.randomUUID().toString(), "purge", "{}", 3).jobId();
        String running = store.create(java.util.UUID.randomUUID().toString(), "purge", "{}", 3).jobId();
        store.claim(running, "a", later());
        assertThat(store.finishedBefore(Instant.now().minusSeconds(3600))).isEmpty();
        assertThat(store.finishedBefore(Instant.now().plusSeconds(1))).contains(done).doesNotContain(waiting, running);
        assertThat(store.delete(running)).as("only finished jobs are deleted").isFalse();
        assertThat(store.delete(done)).isTrue();
        assertThat(store.find(done)).isEmpty();
        assertThat(store.find(waiting)).isPresent();
        assertThat(store.find(running)).isPresent();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void largeInputsAndOutputsAreKeptWhole(String db) {
        JobStore store = store(db);
        String big = "{\"rgb_image\":\"" + "A".repeat(3_000_000) + "\"}";
        String id = store.create(java.util.UUID.randomUUID().toString(), "large", big, 3).jobId();
        assertThat(store.find(id).orElseThrow().input()).isEqualTo(big);
        store.claim(id, "a", later());
        store.finish(id, "a", JobStatus.COMPLETED, big, null);
        assertThat(store.find(id).orElseThrow().output()).hasSize(big.length());
        assertThat(store.list(null, "large", 10)).extracting(JobRow::jobId).contains(id);
        assertThat(store.count("completed", "large")).isGreaterThanOrEqualTo(1);
        assertThat(store.countByStatus().get(JobStatus.COMPLETED)).isGreaterThanOrEqualTo(1);
    }
}
