package io.sam6d.support.admission;

import io.sam6d.support.web.ApiException;
import io.sam6d.support.web.CallDeadline;
import io.sam6d.support.web.ProblemResponses;
import io.sam6d.vision.model.DeadlineExceededException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Work stopped at the caller's deadline is a 503 naming the deadline header (the caller has given up anyway). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DeadlineAdvice {

    private static final Logger log = LoggerFactory.getLogger(DeadlineAdvice.class);

    @ExceptionHandler(DeadlineExceededException.class)
    ResponseEntity<ProblemDetail> deadlinePassed(DeadlineExceededException e) {
        log.warn("request stopped: {}", e.getMessage());
        ApiException problem = new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Deadline passed",
                CallDeadline.HEADER, e.getMessage() + " (the caller's " + CallDeadline.HEADER + ")");
        return ResponseEntity.status(problem.status()).body(ProblemResponses.problem(problem));
    }
}
