package io.sam6d.main.jobs;

/**
 * Runs one type of job. Handlers are beans; the queue finds them by {@link #type()}. A handler may run again for
 * the same job (its server died mid-run), so it must be safe to repeat: outputs go to fresh folders, rendering
 * skips what exists.
 */
public interface JobHandler {

    /** The {@code job_type} this handler runs, e.g. {@code full_pipeline}. */
    String type();

    /**
     * @return the job's output, written as JSON into {@code workflow_jobs.output}
     * @throws JobCancelledException when the job was cancelled (from {@link JobContext#checkCancelled()})
     * @throws JobFailedException    to fail with an output (e.g. what was done before the failure)
     * @throws RuntimeException      anything else fails the job with its message
     */
    Object run(JobContext context);
}
