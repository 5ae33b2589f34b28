package io.sam6d.support.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sam6d.support.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets only main-server call a compute server: every request must carry the shared token ({@code INTERNAL_API_TOKEN})
 * in the {@value #HEADER} header, except the {@link OpenPaths open list} (health, Prometheus, API docs), which is
 * matched on the decoded path. Installed only when a token is configured.
 */
public class InternalTokenFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Internal-Token";

    private final byte[] token;
    private final ObjectMapper json;

    public InternalTokenFilter(String token, ObjectMapper json) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return OpenPaths.isOpen(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        if (given != null && MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            chain.doFilter(request, response);
            return;
        }
        ProblemResponses.write(response, json, HttpStatus.UNAUTHORIZED, "Unauthorized",
                "this server accepts calls from main-server only: the " + HEADER + " header is "
                        + (given == null ? "missing" : "wrong"), HEADER);
    }
}
