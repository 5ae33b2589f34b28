package io.sam6d.model.render;

import java.time.Instant;

/**
 * A render job: {@code pending}, {@code running}, {@code completed} or {@code failed}.
 *
 * @param progress     0..100
 * @param outputDir    where the templates are, relative to the project root ({@code static/templates/...})
 * @param skipped      completed without rendering because complete templates existed
 * @param viewsRendered views written so far
 * @param error        why a failed job failed
 */
public record RenderJobStatus(String jobId, String status, int progress, String className, String objectName,
        String outputDir, boolean skipped, int viewsRendered, String error, Instant createdAt, Instant startedAt,
        Instant finishedAt) {
}
