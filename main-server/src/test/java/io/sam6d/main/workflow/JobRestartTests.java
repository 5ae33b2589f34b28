package io.sam6d.main.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.sam6d.main.PostgresTestDatabase;
import io.sam6d.main.jobs.JobService;
import io.sam6d.model.workflow.FullPipelineRequest;
import io.sam6d.model.workflow.InputImages;
import io.sam6d.model.workflow.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Whole main-server instances on one PostgreSQL: a job in flight when its instance stops is finished by the next
 * one, and several instances working the same table run every job exactly once.
 */
class JobRestartTests {

    private static final PostgresTestDatabase DB = PostgresTestDatabase.createSchema("job_restart");
    private static final Path STATIC_DIR = WorkflowStatic.create();
    private static final ComputeStubs STUBS = new ComputeStubs(STATIC_DIR);

    private final MainInstances instances = new MainInstances();

    @AfterEach
    void stopInstances() {
        instances.close();
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
        return instances.start(STATIC_DIR, STUBS, instanceId, Map.of(
                "spring.datasource.url", DB.jdbcUrl() + "?currentSchema=" + DB.schema(),
                "spring.datasource.username", DB.user(), "spring.datasource.password", DB.password(),
                "spring.flyway.schemas", DB.schema()), Map.of());
    }

    static FullPipelineRequest request(String object) {
        return new FullPipelineRequest("wf", object, null,
                new InputImages("input/rgb.png", "input/depth.png", "input/camera.json"), null, "none", null, null,
                null, null, null);
    }

    private static Job await(ConfigurableApplicationContext ctx, String id, java.util.function.Predicate<Job> done) {
        return MainInstances.await(ctx, id, done);
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
