package io.sam6d.main.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A compute server stand-in over real HTTP: answers {@code /actuator/health} with a health document captured from
 * the real server, {@code /actuator/metrics/*} with fixed readings, or misbehaves (slow, 5xx).
 */
final class StubComputeServer implements AutoCloseable {

    static final double CPU_FRACTION = 0.25;
    static final double HEAP_USED_BYTES = 100 * 1024 * 1024;
    static final double HEAP_MAX_BYTES = 1024 * 1024 * 1024;

    private final HttpServer server;
    private final AtomicInteger healthRequests = new AtomicInteger();

    private StubComputeServer(HttpServer server) {
        this.server = server;
    }

    /** Healthy, with the given captured health JSON (a test resource under servers/). */
    static StubComputeServer healthy(String healthResource) {
        return answering(200, resource(healthResource));
    }

    /** Answers health with this status and document, and the metrics with fixed readings. */
    static StubComputeServer answering(int healthStatus, String health) {
        return start(exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/actuator/health")) {
                respond(exchange, healthStatus, health);
            } else if (path.equals("/actuator/metrics/process.cpu.usage")) {
                respond(exchange, 200, metric("process.cpu.usage", CPU_FRACTION));
            } else if (path.equals("/actuator/metrics/jvm.memory.used")
                    && "tag=area:heap".equals(exchange.getRequestURI().getQuery())) {
                respond(exchange, 200, metric("jvm.memory.used", HEAP_USED_BYTES));
            } else if (path.equals("/actuator/metrics/jvm.memory.max")
                    && "tag=area:heap".equals(exchange.getRequestURI().getQuery())) {
                respond(exchange, 200, metric("jvm.memory.max", HEAP_MAX_BYTES));
            } else {
                respond(exchange, 404, "{\"error\":\"not found\"}");
            }
        });
    }

    /** Answers every request only after {@code delay}. */
    static StubComputeServer slow(Duration delay) {
        return start(exchange -> {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "{\"status\":\"UP\"}");
        });
    }

    /** Answers every request with a 500 and no health document. */
    static StubComputeServer failing() {
        return start(exchange -> respond(exchange, 500, "Internal Server Error"));
    }

    /** A base URL on which nothing listens (a port that was free a moment ago). */
    static String deadUrl() {
        try (ServerSocket s = new ServerSocket(0)) {
            return "http://127.0.0.1:" + s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int healthRequests() {
        return healthRequests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private static StubComputeServer start(Handler handler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            StubComputeServer stub = new StubComputeServer(server);
            server.createContext("/", exchange -> {
                if (exchange.getRequestURI().getPath().equals("/actuator/health")) {
                    stub.healthRequests.incrementAndGet();
                }
                try (exchange) {
                    handler.handle(exchange);
                }
            });
            server.setExecutor(Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "stub-compute-server");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type",
                body.startsWith("{") ? "application/json" : "text/plain");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String metric(String name, double value) {
        return "{\"name\":\"" + name + "\",\"measurements\":[{\"statistic\":\"VALUE\",\"value\":" + value
                + "}],\"availableTags\":[]}";
    }

    static String resource(String name) {
        try (InputStream in = StubComputeServer.class.getResourceAsStream("/servers/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource servers/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
