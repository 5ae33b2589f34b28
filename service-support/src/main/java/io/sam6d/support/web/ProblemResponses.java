package io.sam6d.support.web;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/** The problem document of {@link ApiExceptionHandler}, written by filters that answer before a controller does. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static void write(HttpServletResponse response, ObjectMapper json, HttpStatus status, String title,
            String detail, String field) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ApiExceptionHandler.problem(status, title, detail, field));
    }

    /** The problem document of an {@link ApiException}. */
    public static ProblemDetail problem(ApiException e) {
        return ApiExceptionHandler.problem(e.status(), e.title(), e.getMessage(), e.field());
    }
}
