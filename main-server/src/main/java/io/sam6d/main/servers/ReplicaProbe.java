package io.sam6d.main.servers;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sam6d.main.compute.ComputeService;
import io.sam6d.support.security.InternalTokenFilter;
import org.springframework.beans.factory.DisposableBean;

/**
 * Checks one replica: {@code /actuator/health} and three {@code /actuator/metrics} readings, all four requests at
 * once, each allowed {@code timeout}. The result is always there within about {@code timeout}: a replica that does
 * not answer in time is {@code unreachable}, whatever it does later.
 */
class ReplicaProbe implements DisposableBean {

    private final Duration timeout;
    private final ObjectMapper json;
    private final Clock clock;
    private final ExecutorService pool;
    private final HttpClient http;
    private final String internalToken;

    /** @param internalToken sent to the replicas (their metrics need it; health is open), empty for none */
    ReplicaProbe(Duration timeout, ObjectMapper json, Clock clock, String internalToken) {
        this.timeout = timeout;
        this.internalToken = internalToken == null ? "" : internalToken.trim();
        this.json = json;
        this.clock = clock;
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "server-probe");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .executor(pool).build();
    }

    CompletableFuture<ReplicaCheck> check(ComputeService service, String baseUrl) {
        Instant checkedAt = clock.instant();
        long start = System.nanoTime();
        CompletableFuture<ReplicaCheck> health = get(baseUrl + "/actuator/health")
                .handle((response, failure) -> failure != null
                        ? ReplicaCheck.unreachable(service, baseUrl, checkedAt, reason(failure))
                        : verdict(service, baseUrl, checkedAt, (System.nanoTime() - start) / 1_000_000, response));
        CompletableFuture<Double> cpu = metric(baseUrl, "process.cpu.usage", "");
        CompletableFuture<Double> used = metric(baseUrl, "jvm.memory.used", "?tag=area:heap");
        CompletableFuture<Double> max = metric(baseUrl, "jvm.memory.max", "?tag=area:heap");
        // the health request's own timeout should end it first; this guard is for a server that trickles bytes
        return CompletableFuture.allOf(health, cpu, used, max)
                .thenApply(done -> withMetrics(health.join(), cpu.join(), used.join(), max.join()))
                .completeOnTimeout(ReplicaCheck.unreachable(service, baseUrl, checkedAt, noAnswer()),
                        timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
    }

    private ReplicaCheck verdict(ComputeService service, String url, Instant checkedAt, long tookMs,
            HttpResponse<String> response) {
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            return new ReplicaCheck(service, url, ReplicaCheck.UNHEALTHY, tookMs, checkedAt,
                    "HTTP " + response.statusCode() + " from /actuator/health without a health document",
                    null, null, null, null, null);
        }
        String status = HealthDetails.status(body);
        boolean up = response.statusCode() / 100 == 2 && !"DOWN".equals(status)
                && !"OUT_OF_SERVICE".equals(status);
        String error = up ? null : "health " + (status == null ? "unknown" : status) + " (HTTP "
                + response.statusCode() + ")";
        return new ReplicaCheck(service, url, up ? ReplicaCheck.HEALTHY : ReplicaCheck.UNHEALTHY, tookMs, checkedAt,
                error, HealthDetails.engine(body, service, json), HealthDetails.modelCache(body, json),
                null, null, null);
    }

    private static ReplicaCheck withMetrics(ReplicaCheck c, Double cpuFraction, Double usedBytes, Double maxBytes) {
        if (ReplicaCheck.UNREACHABLE.equals(c.status())) {
            return c;
        }
        return new ReplicaCheck(c.service(), c.url(), c.status(), c.responseTimeMs(), c.checkedAt(), c.error(),
                c.engine(), c.modelCache(), cpuFraction == null ? null : round1(cpuFraction * 100),
                mebibytes(usedBytes), mebibytes(maxBytes));
    }

    /** The VALUE measurement of a metric, null when the server has no such metric or does not answer. */
    private CompletableFuture<Double> metric(String baseUrl, String name, String query) {
        return get(baseUrl + "/actuator/metrics/" + name + query).handle((response, failure) -> {
            if (failure != null || response.statusCode() != 200) {
                return null;
            }
            try {
                for (JsonNode m : json.readTree(response.body()).path("measurements")) {
                    if ("VALUE".equals(m.path("statistic").asText()) && m.path("value").isNumber()) {
                        double v = m.path("value").asDouble();
                        return v < 0 || Double.isNaN(v) ? null : v;
                    }
                }
            } catch (JsonProcessingException e) {
                // not a metrics document: reported as unavailable
            }
            return null;
        });
    }

    private CompletableFuture<HttpResponse<String>> get(String url) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Accept", "application/json").GET();
        if (!internalToken.isEmpty()) {
            request.header(InternalTokenFilter.HEADER, internalToken);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String reason(Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (t instanceof HttpConnectTimeoutException) {
            return "no connection within " + timeout.toMillis() + " ms";
        }
        if (t instanceof HttpTimeoutException) {
            return noAnswer();
        }
        if (t instanceof ConnectException) {
            return "connection refused";
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private String noAnswer() {
        return "no answer within " + timeout.toMillis() + " ms";
    }

    private static Double mebibytes(Double bytes) {
        return bytes == null ? null : round1(bytes / (1024 * 1024));
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}
