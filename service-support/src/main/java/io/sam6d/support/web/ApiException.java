package io.sam6d.support.web;

import org.springframework.http.HttpStatus;

/**
 * A failure the client can act on: rendered as an RFC 9457 problem with a stable {@code title},
 * a safe {@code detail} and, where one input is to blame, the offending {@code field}.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final String field;

    public ApiException(HttpStatus status, String title, String field, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
    }

    public static ApiException badRequest(String field, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", field, detail);
    }

    public static ApiException notFound(String field, String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, "Not found", field, detail);
    }

    public static ApiException conflict(String field, String detail) {
        return new ApiException(HttpStatus.CONFLICT, "Conflict", field, detail);
    }

    public static ApiException unprocessable(String field, String detail) {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "Unprocessable input", field, detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The request field at fault (snake_case, as the client sent it), or null. */
    public String field() {
        return field;
    }
}
