package io.sam6d.main.jobs;

import java.time.Instant;

/** One row of {@code workflow_jobs}, as stored (input and output are JSON text). */
record JobRow(String jobId, String jobType, JobStatus status, int progress, String stage, String input,
        String output, String error, int attempts, int maxAttempts, boolean cancelRequested, String leaseOwner,
        Instant leaseUntil, Instant createdAt, Instant startedAt, Instant finishedAt, Instant updatedAt) {
}
