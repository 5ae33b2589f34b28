package io.sam6d.support.security;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sam6d.support.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses paths with {@code ;} parameters ({@code /api;x/v1/...}) with a 400 naming {@code path}, before any
 * authentication: no sam6d endpoint takes them, and the router would drop them where a filter might not.
 */
public class PathParameterFilter extends OncePerRequestFilter {

    private final ObjectMapper json;

    public PathParameterFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (OpenPaths.hasPathParameters(OpenPaths.pathWithinApplication(request))) {
            ProblemResponses.write(response, json, HttpStatus.BAD_REQUEST, "Invalid request",
                    "path parameters (';') are not accepted in request paths", "path");
            return;
        }
        chain.doFilter(request, response);
    }
}
