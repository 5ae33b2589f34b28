package io.sam6d.model.workflow;

import java.time.Instant;
import java.util.Map;

/**
 * A workflow job as the API shows it.
 *
 * @param jobType     {@code render_templates}, {@code full_pipeline}, {@code full_pipeline_rss} or {@code batch}
 * @param status      {@code pending}, {@code running}, {@code completed}, {@code failed} or {@code cancelled}
 * @param progress    0..100
 * @param stage       {@code render}, {@code ism}, {@code pem}, {@code output} or null
 * @param attempts    times a worker has started it (a job whose server died is taken again)
 * @param maxAttempts after this many starts a job left behind by a dead server is failed
 * @param input       the request, Base64 images elided
 * @param output      the result, or null until it ends
 * @param error       why it failed, or null
 */
public record Job(String jobId, String jobType, String status, int progress, String stage, int attempts,
        int maxAttempts, Map<String, Object> input, Map<String, Object> output, String error, Instant createdAt,
        Instant startedAt, Instant finishedAt, Instant updatedAt) {
}
