package io.sam6d.support.admission;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The bulkhead of a compute server's API ({@code sam6d.admission.*}, from the server's {@code *_MAX_CONCURRENT},
 * {@code *_MAX_QUEUED}, {@code *_MAX_QUEUE_WAIT} settings).
 *
 * @param maxConcurrent requests computing at once
 * @param maxQueued     requests waiting for a turn; more are answered 503 with {@code Retry-After} at once
 * @param maxQueueWait  longest wait in the queue (also never longer than the caller's deadline)
 */
@ConfigurationProperties("sam6d.admission")
public record AdmissionSettings(int maxConcurrent, int maxQueued, Duration maxQueueWait) {

    public AdmissionSettings {
        maxConcurrent = maxConcurrent < 1 ? 2 : maxConcurrent;
        maxQueued = Math.max(0, maxQueued);
        maxQueueWait = maxQueueWait == null ? Duration.ofSeconds(30) : maxQueueWait;
    }
}
