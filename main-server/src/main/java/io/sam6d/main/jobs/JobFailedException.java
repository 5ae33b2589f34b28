package io.sam6d.main.jobs;

/** Fails a job with an output, e.g. the objects rendered before one failed. */
public class JobFailedException extends RuntimeException {

    private final transient Object output;

    public JobFailedException(String message, Object output) {
        super(message);
        this.output = output;
    }

    public Object output() {
        return output;
    }
}
