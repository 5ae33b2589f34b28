package io.sam6d.render.templates;

import java.nio.file.Files;
import java.nio.file.Path;

import io.sam6d.support.files.StaticDirectory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code render} in {@code /actuator/health}: UP when jobs are accepted and {@code static/templates} is a writable
 * directory, OUT_OF_SERVICE while shutting down, DOWN when templates cannot be written.
 */
@Component("render")
class RenderHealthIndicator implements HealthIndicator {

    private final RenderJobService jobs;
    private final StaticDirectory staticDir;
    private final RenderProperties properties;

    RenderHealthIndicator(RenderJobService jobs, StaticDirectory staticDir, RenderProperties properties) {
        this.jobs = jobs;
        this.staticDir = staticDir;
        this.properties = properties;
    }

    @Override
    public Health health() {
        Path templates = staticDir.templates();
        Health.Builder b;
        if (!jobs.accepting()) {
            b = Health.outOfService().withDetail("reason", "shutting down");
        } else if (!Files.isDirectory(templates) || !Files.isWritable(templates)) {
            b = Health.down().withDetail("reason", staticDir.display(templates) + " is not a writable directory");
        } else {
            b = Health.up();
        }
        // the rasteriser runs on the CPU (vision-core), never on a GPU
        return b.withDetail("engine", "cpu-rasterizer").withDetail("device", "cpu")
                .withDetail("templates_dir", staticDir.display(templates))
                .withDetail("workers", properties.workers())
                .withDetail("queue_capacity", properties.queueCapacity())
                .withDetail("running", jobs.running())
                .withDetail("queued", jobs.queued())
                .build();
    }
}
