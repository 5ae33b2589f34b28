package io.sam6d.support.security;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The one authentication rule of every sam6d server: every path needs credentials (the internal token on the compute
 * servers, a bearer JWT on main-server) except this explicit open list: health (orchestrators and main-server's
 * monitor), Prometheus metrics (scrapers) and the API documentation (Swagger UI, OpenAPI).
 * <p>
 * The list is checked on the path as the server routes it, never on the raw URI: each segment percent-decoded
 * ({@code /%61ctuator} is {@code /actuator}). A path with {@code ;} parameters, empty segments, or segments that
 * decode to {@code .}, {@code ..}, a slash, a backslash or invalid UTF-8 is never open, so no spelling of a path can
 * be open to this check and reach something else in the router. Denying by default is what keeps encoded paths
 * ({@code /%61pi/...}, {@code /api;x/...}) from slipping through.
 */
public final class OpenPaths {

    private static final Set<String> EXACT = Set.of("/actuator/health", "/actuator/prometheus", "/v3/api-docs",
            "/v3/api-docs.yaml", "/swagger-ui.html");
    private static final List<String> PREFIXES = List.of("/actuator/health/", "/v3/api-docs/", "/swagger-ui/");

    private OpenPaths() {
    }

    /** Whether the request may be answered without credentials. */
    public static boolean isOpen(HttpServletRequest request) {
        return isOpen(pathWithinApplication(request));
    }

    static boolean isOpen(String rawPath) {
        String path = canonical(rawPath);
        return path != null && (EXACT.contains(path) || PREFIXES.stream().anyMatch(path::startsWith));
    }

    /** The raw request URI without the context path (and without a query, which the URI never holds). */
    public static String pathWithinApplication(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length())
                : uri;
    }

    /** Whether the raw path carries {@code ;} path parameters (which routers drop, and filters must not miss). */
    public static boolean hasPathParameters(String rawPath) {
        return rawPath.indexOf(';') >= 0;
    }

    /**
     * The path with every segment percent-decoded, or null when it is unusual: not starting with {@code /}, with
     * {@code ;} parameters, empty segments (a trailing slash included), {@code .} or {@code ..}, or a segment that
     * decodes to a slash, a backslash, a control character or invalid UTF-8.
     */
    static String canonical(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/") || hasPathParameters(rawPath)) {
            return null;
        }
        StringBuilder out = new StringBuilder(rawPath.length());
        for (String segment : rawPath.substring(1).split("/", -1)) {
            String decoded = decode(segment);
            if (decoded == null || decoded.isEmpty() || decoded.equals(".") || decoded.equals("..")) {
                return null;
            }
            for (int i = 0; i < decoded.length(); i++) {
                char c = decoded.charAt(i);
                if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f) {
                    return null;
                }
            }
            out.append('/').append(decoded);
        }
        return out.toString();
    }

    private static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c != '%') {
                if (c > 0x7f) {
                    return null;
                }
                bytes.write(c);
                continue;
            }
            if (i + 2 >= segment.length()) {
                return null;
            }
            int hi = Character.digit(segment.charAt(i + 1), 16);
            int lo = Character.digit(segment.charAt(i + 2), 16);
            if (hi < 0 || lo < 0) {
                return null;
            }
            bytes.write(hi * 16 + lo);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
