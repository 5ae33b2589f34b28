package io.sam6d.vision.model;

import java.time.Duration;

/** The work of a request ran past its {@link Deadline}: the caller has given up, so it was stopped. */
public class DeadlineExceededException extends RuntimeException {

    public DeadlineExceededException(Duration limit) {
        super("the work ran past its time limit of " + limit.toMillis() + " ms and was stopped");
    }
}
