package io.sam6d.main.jobs;

/** The job was cancelled, or this instance lost its lease; the worker stops it between stages. */
public class JobCancelledException extends RuntimeException {

    private final transient Object output;

    public JobCancelledException(String message) {
        this(message, null);
    }

    /** @param output what was done before the cancel (e.g. a batch's summary so far), stored as the job's output */
    public JobCancelledException(String message, Object output) {
        super(message);
        this.output = output;
    }

    public Object output() {
        return output;
    }
}
