package io.sam6d.main.jobs;

/** Published when a job ends on this instance (completed, failed or cancelled), for the submits that wait on it. */
record JobEnded(String jobId) {
}
