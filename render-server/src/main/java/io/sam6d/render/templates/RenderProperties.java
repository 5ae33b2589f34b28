package io.sam6d.render.templates;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sam6d.render.*}: how render-server runs its jobs (defaults and env-var names in {@code application.yml}).
 *
 * @param workers       jobs rendered at the same time; each job already uses {@code viewThreads} threads
 * @param queueCapacity jobs waiting for a worker; a request beyond that is answered 503 with Retry-After
 * @param viewThreads   threads rendering one job's views; 0 uses every processor
 * @param recentJobs    finished jobs kept for {@code GET /api/v1/render/jobs}; older ones are forgotten
 * @param defaults      options used where a request gives none
 */
@ConfigurationProperties("sam6d.render")
public record RenderProperties(@DefaultValue("1") int workers, @DefaultValue("16") int queueCapacity,
        @DefaultValue("0") int viewThreads, @DefaultValue("200") int recentJobs,
        @DefaultValue Defaults defaults) {

    public RenderProperties {
        if (workers < 1) {
            throw new IllegalArgumentException("sam6d.render.workers (RENDER_WORKERS) must be >= 1, got " + workers);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("sam6d.render.queue-capacity (RENDER_QUEUE_CAPACITY) must be >= 1, got "
                    + queueCapacity);
        }
        if (viewThreads < 0) {
            throw new IllegalArgumentException("sam6d.render.view-threads (RENDER_VIEW_THREADS) must be >= 0, got "
                    + viewThreads);
        }
        if (recentJobs < 1) {
            throw new IllegalArgumentException("sam6d.render.recent-jobs (RENDER_RECENT_JOBS) must be >= 1, got "
                    + recentJobs);
        }
    }

    /**
     * @param views          viewpoints per object (42: a level-1 icosphere)
     * @param imageSize      template width and height, pixels
     * @param distanceFactor camera distance as a multiple of the object's diameter, when a request gives no distance
     */
    public record Defaults(@DefaultValue("42") int views, @DefaultValue("256") int imageSize,
            @DefaultValue("3.0") double distanceFactor) {
    }
}
