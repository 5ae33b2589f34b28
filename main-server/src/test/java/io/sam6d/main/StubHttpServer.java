package io.sam6d.main;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server (JDK) standing in for a compute server in tests: routes by path prefix to handlers that return
 * a status and a JSON body in the shape the real servers send (snake_case, ISO times). Counts calls per path and
 * remembers the headers and bodies it got.
 */
public final class StubHttpServer implements AutoCloseable {

    /** JSON as the suite's servers write it. */
    public static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** What a handler answers; {@code headers} are added to the response. */
    public record Reply(int status, Object body, Map<String, String> headers) {
        public Reply(int status, Object body) {
            this(status, body, Map.of());
        }

        public static Reply ok(Object body) {
            return new Reply(200, body);
        }

        public static Reply problem(int status, String field, String detail) {
            return new Reply(status, Map.of("title", "Invalid request", "status", status, "field", field,
                    "detail", detail));
        }
    }

    /** A request as received. */
    public record Call(String method, String path, Map<String, List<String>> headers, JsonNode body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    @FunctionalInterface
    public interface Handler {
        Reply handle(Call call) throws Exception;
    }

    private final HttpServer server;
    private final Map<String, Handler> routes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    public StubHttpServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stub-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::serve);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Routes requests whose path starts with {@code prefix} (longest prefix wins). */
    public StubHttpServer route(String prefix, Handler handler) {
        routes.put(prefix, handler);
        return this;
    }

    public int count(String prefix) {
        return counts.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToInt(e -> e.getValue().get()).sum();
    }

    public List<Call> calls() {
        return calls;
    }

    public void reset() {
        counts.clear();
        calls.clear();
    }

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            byte[] in = ex.getRequestBody().readAllBytes();
            JsonNode body = in.length == 0 ? null : JSON.readTree(in);
            Call call = new Call(ex.getRequestMethod(), path, Map.copyOf(ex.getRequestHeaders()), body);
            calls.add(call);
            counts.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            Handler h = routes.entrySet().stream().filter(e -> path.startsWith(e.getKey()))
                    .max((a, b) -> a.getKey().length() - b.getKey().length()).map(Map.Entry::getValue).orElse(null);
            Reply reply;
            try {
                reply = h == null ? Reply.problem(404, "path", "no route " + path) : h.handle(call);
            } catch (Exception e) {
                reply = new Reply(500, Map.of("title", "Internal error", "detail", String.valueOf(e)));
            }
            byte[] out = reply.body() == null ? new byte[0]
                    : reply.body() instanceof String s ? s.getBytes(StandardCharsets.UTF_8)
                    : JSON.writeValueAsBytes(reply.body());
            ex.getResponseHeaders().add("Content-Type", reply.status() >= 400 ? "application/problem+json"
                    : "application/json");
            reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            ex.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** A port nothing listens on (connection refused). */
    public static int deadPort() {
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
