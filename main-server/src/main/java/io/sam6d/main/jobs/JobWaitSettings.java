package io.sam6d.main.jobs;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Submits that wait for their job's end ({@code sam6d.jobs.wait.*}): {@code "wait": true} in the body or
 * {@code ?wait=<duration>}.
 *
 * @param max           the longest a submit waits ({@code WORKFLOW_MAX_WAIT}); longer requests are cut to it and
 *                      {@code "wait": true} means this long
 * @param maxWaiting    submits that may wait at once on this instance ({@code WORKFLOW_MAX_WAITING}); beyond that a
 *                      submit is answered 202 at once
 * @param checkInterval how often the table is asked whether waited-for jobs ended on other instances (jobs that end
 *                      on this instance answer their waiters at once)
 */
@ConfigurationProperties("sam6d.jobs.wait")
public record JobWaitSettings(Duration max, int maxWaiting, Duration checkInterval) {

    public JobWaitSettings {
        if (max == null || max.isNegative()) {
            throw new IllegalArgumentException("sam6d.jobs.wait.max (WORKFLOW_MAX_WAIT) must be 0 or more");
        }
        if (maxWaiting < 0) {
            throw new IllegalArgumentException("sam6d.jobs.wait.max-waiting (WORKFLOW_MAX_WAITING) must be 0 or more");
        }
        if (checkInterval == null || checkInterval.toMillis() < 10) {
            throw new IllegalArgumentException("sam6d.jobs.wait.check-interval (WORKFLOW_WAIT_CHECK_INTERVAL) must be"
                    + " at least 10ms");
        }
    }
}
