package io.sam6d.main.jobs;

/** The job was cancelled, or this instance lost its lease; the worker stops it between stages. */
public class JobCancelledException extends RuntimeException {

    public JobCancelledException(String message) {
        super(message);
    }
}
