package io.sam6d.support.admission;

import java.io.IOException;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sam6d.support.web.ApiException;
import io.sam6d.support.web.CallDeadline;
import io.sam6d.support.web.ProblemResponses;
import io.sam6d.vision.model.Deadline;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In front of a compute server's API: reads the caller's deadline ({@link CallDeadline#HEADER}), takes a turn from
 * the {@link ComputeAdmission bulkhead} before the body is read, and runs the request under a {@link Deadline} so
 * the engine stops once the caller has given up. A request without a turn gets 503 with {@code Retry-After}.
 */
public class AdmissionFilter extends OncePerRequestFilter {

    private final ComputeAdmission admission;
    private final ObjectMapper json;

    public AdmissionFilter(ComputeAdmission admission, ObjectMapper json) {
        this.admission = admission;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long arrived = System.nanoTime();
        Duration budget;
        try {
            budget = CallDeadline.parse(request.getHeader(CallDeadline.HEADER));
        } catch (ApiException e) {
            ProblemResponses.write(response, json, e.status(), e.title(), e.getMessage(), e.field());
            return;
        }
        ComputeAdmission.Permit permit = enter(budget);
        if (permit == null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(admission.retryAfter().toSeconds()));
            ProblemResponses.write(response, json, HttpStatus.SERVICE_UNAVAILABLE, "Busy",
                    "this server is computing " + admission.running() + " request(s) with " + admission.queued()
                            + " waiting, its limit (max-concurrent " + admission.maxConcurrent() + ", max-queued "
                            + admission.maxQueued() + "); try again after Retry-After seconds", null);
            return;
        }
        try (permit; Deadline.Scope scope = budget == null ? () -> { }
                : Deadline.start(budget.minusNanos(System.nanoTime() - arrived))) {
            chain.doFilter(request, response);
        }
    }

    private ComputeAdmission.Permit enter(Duration budget) {
        try {
            return admission.tryEnter(budget);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
