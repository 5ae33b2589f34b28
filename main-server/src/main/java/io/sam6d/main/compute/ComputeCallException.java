package io.sam6d.main.compute;

/**
 * A call to a compute server failed for good: a 4xx (the request is at fault, never retried), or connection errors,
 * timeouts and 5xx on every replica after all retries. The message is written for the job's error.
 */
public class ComputeCallException extends RuntimeException {

    private final ComputeService service;
    private final int httpStatus;

    public ComputeCallException(ComputeService service, int httpStatus, String message, Throwable cause) {
        super(message, cause);
        this.service = service;
        this.httpStatus = httpStatus;
    }

    public ComputeService service() {
        return service;
    }

    /** The last HTTP status seen, or 0 when no answer came (connection refused, timeout). */
    public int httpStatus() {
        return httpStatus;
    }

    public boolean clientError() {
        return httpStatus >= 400 && httpStatus < 500;
    }
}
