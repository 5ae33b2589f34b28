package io.sam6d.main.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.sam6d.main.MainServerApplication;
import io.sam6d.main.jobs.JobService;
import io.sam6d.main.objects.ObjectCatalog;
import io.sam6d.model.workflow.Job;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Whole main-server instances in the test JVM, on a shared static/ and the {@link ComputeStubs}, closed together.
 */
final class MainInstances implements AutoCloseable {

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    /**
     * @param database   {@code spring.datasource.*} and flyway settings
     * @param extra      more settings (they win over the common ones)
     * @param components more beans (test job handlers)
     */
    ConfigurableApplicationContext start(java.nio.file.Path staticDir, ComputeStubs stubs, String instanceId,
            Map<String, Object> database, Map<String, Object> extra, Class<?>... components) {
        Map<String, Object> p = new HashMap<>(WorkflowContractTests.commonProperties(staticDir, stubs));
        p.put("server.port", "0");
        p.put("sam6d.jobs.instance-id", instanceId);
        p.putAll(database);
        p.putAll(extra);
        // command-line arguments: they win over application.yml (builder properties would not)
        String[] args = p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        Class<?>[] sources = new Class<?>[components.length + 1];
        sources[0] = MainServerApplication.class;
        System.arraycopy(components, 0, sources, 1, components.length);
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(sources).run(args);
        ctx.getBean(ObjectCatalog.class).rescan();
        instances.add(ctx);
        return ctx;
    }

    /** Polls the job on {@code ctx} until {@code done} holds (60 s at most; a database coming back is waited for). */
    static Job await(ConfigurableApplicationContext ctx, String id, Predicate<Job> done) {
        JobService jobs = ctx.getBean(JobService.class);
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            Job j;
            try {
                j = jobs.get(id);
            } catch (org.springframework.dao.DataAccessException e) {
                assertThat(System.currentTimeMillis()).as("database still away: %s", e).isLessThan(deadline);
                j = null;
            }
            if (j != null && done.test(j)) {
                return j;
            }
            assertThat(System.currentTimeMillis()).as("job %s still %s", id, j == null ? "?" : j.status())
                    .isLessThan(deadline);
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static boolean ended(Job j) {
        return List.of("completed", "failed", "cancelled").contains(j.status());
    }

    @Override
    public void close() {
        instances.forEach(ConfigurableApplicationContext::close);
        instances.clear();
    }
}
