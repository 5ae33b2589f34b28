package io.sam6d.support.web;

import java.time.Duration;

/**
 * How long a caller still waits for an answer, sent with every call main-server makes to a compute server:
 * {@value #HEADER}: the milliseconds left when the request was sent. A relative time, so the two machines' clocks
 * need not agree; the compute server counts from the request's arrival and stops working once it has passed.
 */
public final class CallDeadline {

    public static final String HEADER = "X-Request-Timeout-Ms";
    /** Longer than any call the suite makes; a larger value is a client mistake. */
    private static final long MAX_MS = Duration.ofDays(1).toMillis();

    private CallDeadline() {
    }

    /**
     * The time a request's header grants, or null when the header is absent.
     *
     * @throws ApiException 400 naming the header when it is not a whole number of milliseconds from 1 to a day
     */
    public static Duration parse(String value) {
        if (value == null) {
            return null;
        }
        long ms;
        try {
            ms = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            ms = -1;
        }
        if (ms < 1 || ms > MAX_MS) {
            throw ApiException.badRequest(HEADER, HEADER + " must be the milliseconds the caller still waits, 1 to "
                    + MAX_MS);
        }
        return Duration.ofMillis(ms);
    }

    /** The header's value for a call that may take {@code remaining}. */
    public static String format(Duration remaining) {
        return String.valueOf(Math.max(1, Math.min(MAX_MS, remaining.toMillis())));
    }
}
