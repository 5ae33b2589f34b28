package io.sam6d.main.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.sam6d.main.MainServerApplication;
import io.sam6d.main.PostgresTestDatabase;
import io.sam6d.main.jobs.JobService;
import io.sam6d.main.objects.ObjectCatalog;
import io.sam6d.model.workflow.FullPipelineRequest;
import io.sam6d.model.workflow.InputImages;
import io.sam6d.model.workflow.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Whole main-server instances on one PostgreSQL: a job in flight when its instance stops is finished by the next
 * one, and several instances working the same table run every job exactly once.
 */
class JobRestartTests {

    private static final PostgresTestDatabase DB = PostgresTestDatabase.createSchema("job_restart");
    private static final Path STATIC_DIR = WorkflowStatic.create();
    private static final ComputeStubs STUBS = new ComputeStubs(STATIC_DIR);

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @AfterEach
    void stopInstances() {
        instances.forEach(ConfigurableApplicationContext::close);
        STUBS.gate = new CountDownLatch(0);
    }

    @AfterAll
    static void dropSchema() {
        STUBS.close();
        DB.drop();
    }

    private ConfigurableApplicationContext start(String instanceId) {
        WorkflowStatic.addObject(STATIC_DIR, "wf", "can", true);
        WorkflowStatic.addObject(STATIC_DIR, "wf", "block_restart", true);
        Map<String, Object> p = new HashMap<>(WorkflowContractTests.commonProperties(STATIC_DIR, STUBS));
        p.put("server.port", "0");
        p.put("sam6d.jobs.instance-id", instanceId);
        p.put("spring.datasource.url", DB.jdbcUrl() + "?currentSchema=" + DB.schema());
        p.put("spring.datasource.username", DB.user());
        p.put("spring.datasource.password", DB.password());
        p.put("spring.flyway.schemas", DB.schema());
        // command-line arguments: they win over application.yml (builder properties would not)
        String[] args = p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(MainServerApplication.class).run(args);
        ctx.getBean(ObjectCatalog.class).rescan();
        instances.add(ctx);
        return ctx;
    }

    private static FullPipelineRequest request(String object) {
        return new FullPipelineRequest("wf", object, null,
                new InputImages("input/rgb.png", "input/depth.png", "input/camera.json"), null, "none", null, null,
                null, null, null);
    }

    private static Job await(ConfigurableApplicationContext ctx, String id, java.util.function.Predicate<Job> done) {
        JobService jobs = ctx.getBean(JobService.class);
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            Job j = jobs.get(id);
            if (done.test(j)) {
                return j;
            }
            assertThat(System.currentTimeMillis()).as("job %s still %s", id, j.status()).isLessThan(deadline);
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void aJobInFlightWhenItsInstanceStopsIsFinishedByTheNextInstance() {
        STUBS.gate = new CountDownLatch(1);
        ConfigurableApplicationContext first = start("instance-a");
        String id = first.getBean(JobService.class).submit(JobTypes.FULL_PIPELINE, request("block_restart")).jobId();
        await(first, id, j -> j.status().equals("running") && "ism".equals(j.stage()));

        first.close();
        ConfigurableApplicationContext second = start("instance-b");
        STUBS.gate.countDown();
        Job done = await(second, id, j -> j.status().equals("completed") || j.status().equals("failed"));
        assertThat(done.status()).as(String.valueOf(done.error())).isEqualTo("completed");
        assertThat(done.attempts()).as("the stopped instance's attempt is handed back").isEqualTo(1);
        assertThat(done.output()).containsKey("objects");
    }

    @Test
    void instancesSharingTheTableRunEveryJobExactlyOnce() {
        ConfigurableApplicationContext a = start("instance-a");
        start("instance-b");
        start("instance-c");
        long ismBefore = STUBS.ism.count("/api/v1/ism/segment");
        JobService jobs = a.getBean(JobService.class);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(jobs.submit(JobTypes.FULL_PIPELINE, request("can")).jobId());
        }
        for (String id : ids) {
            Job j = await(a, id, x -> x.status().equals("completed") || x.status().equals("failed"));
            assertThat(j.status()).isEqualTo("completed");
            assertThat(j.attempts()).isEqualTo(1);
        }
        assertThat(STUBS.ism.count("/api/v1/ism/segment") - ismBefore).isEqualTo(12);
    }
}
