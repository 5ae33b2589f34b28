package io.sam6d.main.jobs;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The durable job queue ({@code sam6d.jobs.*}).
 *
 * @param workers      jobs this instance runs at once
 * @param pollInterval how often an idle instance looks for jobs to take
 * @param lease        how long a claimed job stays this instance's without a heartbeat; a job whose server died is
 *                     taken again by another (or the restarted) instance after this (renewed every lease/3)
 * @param maxAttempts  starts of a job before one left behind by dead servers is failed
 * @param instanceId   names this instance in {@code lease_owner}; empty: host name and a random suffix
 * @param retention    finished jobs older than this are deleted from the table (their output folders stay)
 */
@ConfigurationProperties("sam6d.jobs")
public record JobSettings(int workers, Duration pollInterval, Duration lease, int maxAttempts, String instanceId,
        Duration retention) {

    public JobSettings {
        if (workers < 1) {
            throw new IllegalArgumentException("sam6d.jobs.workers (JOB_WORKERS) must be at least 1");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("sam6d.jobs.max-attempts (JOB_MAX_ATTEMPTS) must be at least 1");
        }
        if (lease == null || lease.toMillis() < 300) {
            throw new IllegalArgumentException("sam6d.jobs.lease (JOB_LEASE) must be at least 300ms");
        }
    }
}
