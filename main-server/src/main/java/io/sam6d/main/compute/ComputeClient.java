package io.sam6d.main.compute;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sam6d.model.ism.SegmentRequest;
import io.sam6d.model.ism.SegmentResponse;
import io.sam6d.model.pem.EstimateRequest;
import io.sam6d.model.pem.EstimateResponse;
import io.sam6d.model.render.RenderJobStatus;
import io.sam6d.model.render.RenderTemplatesRequest;
import io.sam6d.support.security.InternalTokenFilter;
import io.sam6d.support.web.CallDeadline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * main-server's calls to the compute servers. A call has a time budget (the service's timeout) that all its attempts
 * share; each attempt tells the server how much is left ({@link CallDeadline}). Each round tries the replicas of
 * {@link ComputeEndpoints} in order: a connection error or 5xx moves on to the next replica, and when every replica
 * failed the round is repeated after a jittered backoff that doubles ({@code sam6d.servers.retries},
 * {@code retry-backoff}); replicas that are busy (503 with {@code Retry-After}) are waited for as they ask, within
 * the budget, without using up retries. An attempt that times out ends the call: the budget is spent, and the heavy
 * work is not started again elsewhere. A 4xx is the request's fault: never retried, and the server's problem detail
 * (field and reason) becomes the error message. Every HTTP exchange is reported to the {@link ComputeCallObserver}.
 */
@Component
public class ComputeClient {

    private static final Logger log = LoggerFactory.getLogger(ComputeClient.class);
    /** One render submit or poll call; the whole render is bounded by the render timeout. */
    private static final Duration RENDER_CALL_TIMEOUT = Duration.ofSeconds(30);

    private final ComputeServersSettings settings;
    private final ComputeEndpoints endpoints;
    private final ComputeCallObserver observer;
    private final ObjectMapper json;
    private final String internalToken;
    private final Duration renderPollInterval;
    private final HttpClient http;
    private final Random random = new Random();

    ComputeClient(ComputeServersSettings settings, ComputeEndpoints endpoints, ComputeCallObserver observer,
            ObjectMapper json, @Value("${sam6d.internal-token:}") String internalToken,
            @Value("${sam6d.workflow.render-poll-interval:1s}") Duration renderPollInterval) {
        this.settings = settings;
        this.endpoints = endpoints;
        this.observer = observer;
        this.json = json;
        this.internalToken = internalToken == null ? "" : internalToken.trim();
        this.renderPollInterval = renderPollInterval;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public SegmentResponse segment(SegmentRequest request) {
        return call(ComputeService.ISM, "POST", "/api/v1/ism/segment", request, settings.ism().timeout(),
                SegmentResponse.class).body;
    }

    public EstimateResponse estimate(EstimateRequest request) {
        return call(ComputeService.PEM, "POST", "/api/v1/pem/estimate", request, settings.pem().timeout(),
                EstimateResponse.class).body;
    }

    /**
     * Submits a render job and polls it on the replica that took it until it completes (or was skipped because
     * complete templates exist). A replica that forgot the job (restarted) gets it submitted again, once.
     *
     * @param progress  told the render job's progress 0..100 while polling
     * @param cancelled polled between checks; true stops waiting
     * @throws ComputeCallException when the job failed, timed out or could not be submitted
     */
    public RenderJobStatus renderTemplates(RenderTemplatesRequest request, IntConsumer progress,
            BooleanSupplier cancelled) {
        Instant deadline = Instant.now().plus(settings.render().timeout());
        String what = request.className() + "/" + request.objectName();
        for (int submission = 1; ; submission++) {
            Answer<RenderJobStatus> submitted = call(ComputeService.RENDER, "POST", "/api/v1/render/templates",
                    request, RENDER_CALL_TIMEOUT, RenderJobStatus.class);
            RenderJobStatus job = submitted.body;
            log.info("render job {} for {} on {}: {}", job.jobId(), what, submitted.baseUrl, job.status());
            while (!job.status().equals("completed")) {
                if (job.status().equals("failed")) {
                    throw new ComputeCallException(ComputeService.RENDER, 0, "render-server failed to render "
                            + what + ": " + job.error(), null);
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new ComputeCallException(ComputeService.RENDER, 0, "rendering " + what + " took longer than "
                            + settings.render().timeout() + " (sam6d.servers.render.timeout)", null);
                }
                if (cancelled.getAsBoolean()) {
                    return job;
                }
                sleep(renderPollInterval);
                try {
                    job = call(ComputeService.RENDER, List.of(submitted.baseUrl), "GET",
                            "/api/v1/render/jobs/" + job.jobId(), null, RENDER_CALL_TIMEOUT, RenderJobStatus.class).body;
                } catch (ComputeCallException e) {
                    if (e.httpStatus() == 404 && submission == 1) {
                        log.warn("render job {} vanished from {} (restarted?); submitting {} again", job.jobId(),
                                submitted.baseUrl, what);
                        job = null;
                        break;
                    }
                    throw e;
                }
                progress.accept(job.progress());
            }
            if (job != null) {
                return job;
            }
        }
    }

    private <T> Answer<T> call(ComputeService service, String method, String path, Object body, Duration timeout,
            Class<T> type) {
        return call(service, endpoints.candidates(service), method, path, body, timeout, type);
    }

    /**
     * One call within {@code budget}, the time the caller waits in all: every attempt gets what is left of it (and
     * says so in {@link CallDeadline#HEADER}, so the server stops working when the caller has given up). An attempt
     * that times out has spent the budget: the call ends there, it is not repeated on the other replicas.
     */
    private <T> Answer<T> call(ComputeService service, List<String> replicas, String method, String path,
            Object body, Duration budget, Class<T> type) {
        byte[] payload = body == null ? null : toJson(body);
        long deadline = System.nanoTime() + budget.toNanos();
        String lastFailure = "no replica configured (sam6d.servers." + service.key() + ".urls)";
        int lastStatus = 0;
        int failedRounds = 0;
        Duration backoff = settings.retryBackoff();
        while (true) {
            Duration retryAfter = null;
            boolean onlyBusy = !replicas.isEmpty();
            for (String baseUrl : replicas) {
                Duration left = Duration.ofNanos(deadline - System.nanoTime());
                if (left.isNegative() || left.isZero()) {
                    throw outOfTime(service, method, path, budget, lastFailure);
                }
                long start = System.nanoTime();
                HttpResponse<byte[]> response;
                try {
                    response = http.send(request(baseUrl + path, method, payload, left),
                            HttpResponse.BodyHandlers.ofByteArray());
                } catch (HttpTimeoutException e) {
                    observer.record(service, baseUrl, path, Duration.ofNanos(System.nanoTime() - start), false);
                    if (!(e instanceof HttpConnectTimeoutException)) {
                        throw outOfTime(service, method, path, budget, service.key() + "-server at " + baseUrl
                                + " did not answer in time");
                    }
                    lastFailure = service.key() + "-server at " + baseUrl + " did not answer: " + describe(e);
                    lastStatus = 0;
                    onlyBusy = false;
                    continue;
                } catch (IOException e) {
                    observer.record(service, baseUrl, path, Duration.ofNanos(System.nanoTime() - start), false);
                    lastFailure = service.key() + "-server at " + baseUrl + " did not answer: " + describe(e);
                    lastStatus = 0;
                    onlyBusy = false;
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ComputeCallException(service, 0, "interrupted while calling " + service.key()
                            + "-server", e);
                }
                int status = response.statusCode();
                observer.record(service, baseUrl, path, Duration.ofNanos(System.nanoTime() - start), status < 500);
                if (status >= 200 && status < 300) {
                    return new Answer<>(baseUrl, parse(service, baseUrl, response.body(), type));
                }
                String problem = problemText(response.body());
                if (status < 500) {
                    throw new ComputeCallException(service, status, service.key() + "-server answered " + status
                            + " to " + method + " " + path + ": " + problem, null);
                }
                lastFailure = service.key() + "-server at " + baseUrl + " answered " + status + ": " + problem;
                lastStatus = status;
                Duration asked = retryAfter(response);
                if (status == 503 && asked != null) {
                    retryAfter = retryAfter == null || asked.compareTo(retryAfter) < 0 ? asked : retryAfter;
                } else {
                    onlyBusy = false;
                }
            }
            // every replica failed this round. Busy replicas (503 with Retry-After) are waited for within the
            // budget; other failures use up the retries, with a backoff that doubles
            Duration wait;
            if (onlyBusy) {
                wait = retryAfter.plusMillis((long) (retryAfter.toMillis() * 0.25 * random.nextDouble()));
            } else {
                if (++failedRounds > settings.retries()) {
                    throw new ComputeCallException(service, lastStatus, lastFailure + " (gave up after "
                            + (settings.retries() + 1) + " attempts)", null);
                }
                wait = jittered(backoff);
                backoff = backoff.multipliedBy(2);
                if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
                    wait = retryAfter;
                }
            }
            if (System.nanoTime() + wait.toNanos() >= deadline) {
                throw outOfTime(service, method, path, budget, lastFailure);
            }
            log.warn("{} {} failed on every replica ({}); trying again in {} ms", service.key(), path, lastFailure,
                    wait.toMillis());
            sleep(wait);
        }
    }

    private ComputeCallException outOfTime(ComputeService service, String method, String path, Duration budget,
            String lastFailure) {
        return new ComputeCallException(service, 0, service.key() + "-server: " + method + " " + path
                + " got no answer within " + budget.toSeconds() + " s (sam6d.servers." + service.key()
                + ".timeout): " + lastFailure, null);
    }

    /** A wait of {@code base} spread over [base/2, base], so retries of many jobs do not arrive together. */
    private Duration jittered(Duration base) {
        long ms = base.toMillis();
        return Duration.ofMillis(ms / 2 + (long) (ms / 2.0 * random.nextDouble()));
    }

    /** A 503's Retry-After in seconds (the HTTP-date form is not used by the suite's servers), at most a minute. */
    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(v -> {
            try {
                return Duration.ofSeconds(Math.max(0, Math.min(60, Long.parseLong(v.trim()))));
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
    }

    private HttpRequest request(String url, String method, byte[] payload, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Accept", "application/json").header(CallDeadline.HEADER, CallDeadline.format(timeout));
        if (!internalToken.isEmpty()) {
            b.header(InternalTokenFilter.HEADER, internalToken);
        }
        if (payload == null) {
            b.GET();
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(payload));
        }
        return b.build();
    }

    private byte[] toJson(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write request JSON: " + e.getMessage(), e);
        }
    }

    private <T> T parse(ComputeService service, String baseUrl, byte[] body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new ComputeCallException(service, 200, service.key() + "-server at " + baseUrl
                    + " answered something that is not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** "field: detail" from a ProblemDetail body, or the body's start when it is something else. */
    private String problemText(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.hasNonNull("detail")) {
                String field = node.path("field").asText("");
                return (field.isEmpty() ? "" : "field " + field + ": ") + node.get("detail").asText();
            }
        } catch (IOException e) {
            // not JSON: quote it
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "(no body)" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private static String describe(IOException e) {
        String type = e instanceof HttpTimeoutException ? "timed out"
                : e instanceof ConnectException ? "connection refused" : e.getClass().getSimpleName();
        return e.getMessage() == null || e.getMessage().isBlank() ? type : type + " (" + e.getMessage() + ")";
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(Math.max(0, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComputeCallException(null, 0, "interrupted while waiting to call a compute server", e);
        }
    }

    private record Answer<T>(String baseUrl, T body) {
    }
}
