package io.sam6d.main.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import io.sam6d.main.PostgresTestDatabase;
import io.sam6d.main.TcpProxy;
import io.sam6d.main.jobs.JobService;
import io.sam6d.model.workflow.FullPipelineRequest;
import io.sam6d.model.workflow.InputImages;
import io.sam6d.model.workflow.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * main-server under faults, as a whole instance on a real PostgreSQL:
 * <ul>
 *   <li>PostgreSQL goes away in the middle of a job, for longer than the job's lease, and comes back: the job
 *   finishes once, in one output folder. The database is reached through a TCP proxy this test cuts and restores
 *   (the machine's PostgreSQL is shared and keeps running). The outage lasts {@code sam6d.test.db-outage}: 8 s by
 *   default (the lease is 3 s), {@code -Dsam6d.test.db-outage=90s} for the 90 s.</li>
 *   <li>A job that runs out of memory fails with the reason and is not run again.</li>
 * </ul>
 */
class JobFaultTests {

    private static final PostgresTestDatabase DB = PostgresTestDatabase.createSchema("job_fault");
    private static final Path STATIC_DIR = WorkflowStatic.create();
    private static final ComputeStubs STUBS = new ComputeStubs(STATIC_DIR);
    private static final Duration OUTAGE = Duration.parse("PT" + System.getProperty("sam6d.test.db-outage", "8s")
            .toUpperCase());

    private final MainInstances instances = new MainInstances();
    private TcpProxy proxy;

    @AfterEach
    void stop() throws IOException {
        instances.close();
        STUBS.gate = new CountDownLatch(0);
        if (proxy != null) {
            proxy.close();
        }
    }

    @AfterAll
    static void dropSchema() {
        STUBS.close();
        DB.drop();
    }

    /** An instance whose database connections go through {@link #proxy}. */
    private ConfigurableApplicationContext start() throws IOException {
        URI server = URI.create(DB.jdbcUrl().substring("jdbc:".length()));
        proxy = new TcpProxy(server.getHost(), server.getPort());
        String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + server.getPath() + "?currentSchema=" + DB.schema();
        WorkflowStatic.addObject(STATIC_DIR, "wf", "block_outage", true);
        WorkflowStatic.addObject(STATIC_DIR, "wf", "can", true);
        return instances.start(STATIC_DIR, STUBS, "fault-instance", Map.of("spring.datasource.url", url,
                "spring.datasource.username", DB.user(), "spring.datasource.password", DB.password(),
                "spring.flyway.schemas", DB.schema()),
                // an unreachable database is noticed in a second, not the pool's default 10 s
                Map.of("spring.datasource.hikari.connection-timeout", "1000",
                        "spring.datasource.hikari.validation-timeout", "500"),
                OutOfMemoryJob.class);
    }

    @Test
    void aJobThatOutlivesADatabaseOutageFinishesOnceInOneOutputFolder() throws Exception {
        STUBS.gate = new CountDownLatch(1);
        ConfigurableApplicationContext main = start();
        String id = main.getBean(JobService.class).submit(JobTypes.FULL_PIPELINE, new FullPipelineRequest("wf",
                "block_outage", null, new InputImages("input/rgb.png", "input/depth.png", "input/camera.json"), null,
                "results_only", "outage", null, null, null, null)).jobId();
        MainInstances.await(main, id, j -> "ism".equals(j.stage()));

        proxy.stop(); // PostgreSQL is gone for the instance
        long outageStart = System.nanoTime();
        STUBS.gate.countDown(); // ISM answers: the job goes on to PEM and its output while the database is away
        Path result = awaitFile("_outage", "result.json", Duration.ofSeconds(30));
        assertThat(result).as("the job's work went on without the database").exists();
        Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - outageStart) / 1_000_000));
        proxy.start(); // and back

        Job done = MainInstances.await(main, id, MainInstances::ended);
        assertThat(done.status()).as(String.valueOf(done.error())).isEqualTo("completed");
        assertThat(done.attempts()).as("finished once, never taken again").isEqualTo(1);
        assertThat(outputFolders("_outage")).as("one output folder").hasSize(1);
        assertThat(ComputeStubs.callsFor(STUBS.ism, "block_outage")).as("ISM ran once").isEqualTo(1);
        Thread.sleep(4000); // longer than the lease: nobody takes the finished job again
        Job later = main.getBean(JobService.class).get(id);
        assertThat(later.status()).isEqualTo("completed");
        assertThat(later.attempts()).isEqualTo(1);
    }

    @Test
    void aJobThatRunsOutOfMemoryFailsWithTheReasonAndIsNotRunAgain() throws Exception {
        ConfigurableApplicationContext main = start();
        int runsBefore = OutOfMemoryJob.RUNS.get();
        String id = main.getBean(JobService.class).submit(OutOfMemoryJob.TYPE, Map.of()).jobId();
        Job failed = MainInstances.await(main, id, MainInstances::ended);
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.error()).contains("out of memory").contains("not run again");
        assertThat(failed.attempts()).isEqualTo(1);
        Thread.sleep(4000); // longer than the lease (3 s): a job left running would be taken again by now
        Job later = main.getBean(JobService.class).get(id);
        assertThat(later.status()).isEqualTo("failed");
        assertThat(later.attempts()).isEqualTo(1);
        assertThat(OutOfMemoryJob.RUNS.get() - runsBefore).isEqualTo(1);
        // and the server goes on working
        String next = main.getBean(JobService.class).submit(JobTypes.FULL_PIPELINE, JobRestartTests.request("can"))
                .jobId();
        assertThat(MainInstances.await(main, next, MainInstances::ended).status()).isEqualTo("completed");
    }

    private static List<Path> outputFolders(String suffix) throws IOException {
        Path out = STATIC_DIR.resolve("output");
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
        }
    }

    private static Path awaitFile(String folderSuffix, String file, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            for (Path dir : outputFolders(folderSuffix)) {
                if (Files.exists(dir.resolve(file))) {
                    return dir.resolve(file);
                }
            }
            Thread.sleep(50);
        }
        return STATIC_DIR.resolve("output/none");
    }
}
