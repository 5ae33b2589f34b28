package io.sam6d.main.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.sam6d.main.StubHttpServer;
import io.sam6d.main.StubHttpServer.Reply;
import io.sam6d.model.ism.SegmentRequest;
import io.sam6d.model.ism.SegmentResponse;
import io.sam6d.model.pem.EstimateRequest;
import io.sam6d.model.pem.EstimateResponse;
import io.sam6d.model.render.RenderJobStatus;
import io.sam6d.model.render.RenderTemplatesRequest;
import io.sam6d.support.web.CallDeadline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ComputeClient against real HTTP stub servers: replicas, retries with backoff, busy replicas waited for, a timed-out
 * call not repeated, 4xx never retried, the token and the deadline header.
 */
class ComputeClientTests {

    record Observed(ComputeService service, String baseUrl, String path, boolean ok) {
    }

    private final StubHttpServer ism = new StubHttpServer();
    private final StubHttpServer render = new StubHttpServer();
    private final List<Observed> observed = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        ism.close();
        render.close();
    }

    private ComputeClient client(List<String> ismUrls, int retries, String token) {
        return client(ismUrls, retries, token, Duration.ofSeconds(5));
    }

    private ComputeClient client(List<String> ismUrls, int retries, String token, Duration ismTimeout) {
        var s = new ComputeServersSettings(new ComputeServersSettings.Service(ismUrls, ismTimeout),
                new ComputeServersSettings.Service(ismUrls, Duration.ofSeconds(5)),
                new ComputeServersSettings.Service(List.of(render.url()), Duration.ofSeconds(20)),
                Duration.ofSeconds(1), Duration.ofSeconds(15), retries, Duration.ofMillis(5));
        return new ComputeClient(s, new ConfiguredComputeEndpoints(s),
                (service, baseUrl, path, took, ok) -> observed.add(new Observed(service, baseUrl, path, ok)),
                StubHttpServer.JSON, token, Duration.ofMillis(10));
    }

    private static SegmentRequest segmentRequest() {
        return new SegmentRequest("AAAA", "AAAA", List.of(1.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0), 1.0, "test",
                "obj", null, null, null);
    }

    @Test
    void answersAreParsedAndTheInternalTokenIsSent() {
        ism.route("/api/v1/ism/segment", c -> Reply.ok(new SegmentResponse(List.of(), List.of(), false, "stub", 3)));
        SegmentResponse r = client(List.of(ism.url()), 2, "secret-token").segment(segmentRequest());
        assertThat(r.engine()).isEqualTo("stub");
        assertThat(ism.calls().get(0).header("X-Internal-Token")).isEqualTo("secret-token");
        assertThat(ism.calls().get(0).body().get("cam_K").size()).isEqualTo(9);
        assertThat(observed).containsExactly(new Observed(ComputeService.ISM, ism.url(), "/api/v1/ism/segment", true));
    }

    @Test
    void noTokenHeaderWhenNoneIsConfigured() {
        ism.route("/api/v1/ism/segment", c -> Reply.ok(new SegmentResponse(List.of(), List.of(), false, "stub", 3)));
        client(List.of(ism.url()), 0, "").segment(segmentRequest());
        assertThat(ism.calls().get(0).header("X-Internal-Token")).isNull();
    }

    @Test
    void everyCallSaysHowLongTheCallerStillWaits() {
        ism.route("/api/v1/ism/segment", c -> Reply.ok(new SegmentResponse(List.of(), List.of(), false, "stub", 3)));
        client(List.of(ism.url()), 0, "").segment(segmentRequest());
        long ms = Long.parseLong(ism.calls().get(0).header(CallDeadline.HEADER));
        assertThat(ms).isBetween(1L, 5000L);
    }

    @Test
    void aBusyReplicaIsWaitedForAsItAsksWithoutUsingUpRetries() {
        AtomicInteger n = new AtomicInteger();
        ism.route("/api/v1/ism/segment", c -> n.incrementAndGet() <= 2
                ? new Reply(503, java.util.Map.of("title", "Busy", "detail", "at capacity"),
                        java.util.Map.of("Retry-After", "1"))
                : Reply.ok(new SegmentResponse(List.of(), List.of(), false, "stub", 3)));
        long start = System.nanoTime();
        SegmentResponse r = client(List.of(ism.url()), 0, "").segment(segmentRequest());
        assertThat(r.engine()).isEqualTo("stub");
        assertThat(ism.count("/api/v1/ism/segment")).isEqualTo(3);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("Retry-After honoured twice")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aCallThatTimedOutIsNotRepeatedOnTheOtherReplicas() {
        StubHttpServer slow = new StubHttpServer();
        try {
            slow.route("/api/v1/ism/segment", c -> {
                Thread.sleep(3000);
                return Reply.ok(new SegmentResponse(List.of(), List.of(), false, "slow", 3));
            });
            ism.route("/api/v1/ism/segment", c -> Reply.ok(new SegmentResponse(List.of(), List.of(), false, "stub",
                    3)));
            assertThatThrownBy(() -> client(List.of(slow.url(), ism.url()), 3, "", Duration.ofMillis(700))
                    .segment(segmentRequest()))
                    .isInstanceOf(ComputeCallException.class).hasMessageContaining("no answer within")
                    .hasMessageContaining("sam6d.servers.ism.timeout");
            assertThat(slow.count("/api/v1/ism/segment")).isEqualTo(1);
            assertThat(ism.count("/api/v1/ism/segment")).as("the budget was spent: no second run").isZero();
        } finally {
            slow.close();
        }
    }

    @Test
    void aClientErrorIsNotRetriedAndCarriesTheServersReason() {
        ism.route("/api/v1/ism/segment", c -> Reply.problem(400, "rgb_image", "rgb_image is not valid Base64"));
        assertThatThrownBy(() -> client(List.of(ism.url()), 3, "").segment(segmentRequest()))
                .isInstanceOf(ComputeCallException.class)
                .hasMessageContaining("400").hasMessageContaining("rgb_image")
                .hasMessageContaining("rgb_image is not valid Base64")
                .satisfies(e -> assertThat(((ComputeCallException) e).clientError()).isTrue());
        assertThat(ism.count("/api/v1/ism/segment")).isEqualTo(1);
        assertThat(observed).extracting(Observed::ok).containsExactly(true);
    }

    @Test
    void serverErrorsAreRetriedThenFailWithTheReason() {
        ism.route("/api/v1/ism/segment", c -> new Reply(503, java.util.Map.of("detail", "model still loading")));
        assertThatThrownBy(() -> client(List.of(ism.url()), 2, "").segment(segmentRequest()))
                .isInstanceOf(ComputeCallException.class)
                .hasMessageContaining("503").hasMessageContaining("model still loading")
                .hasMessageContaining("gave up after 3 attempts");
        assertThat(ism.count("/api/v1/ism/segment")).isEqualTo(3);
        assertThat(observed).extracting(Observed::ok).containsExactly(false, false, false);
    }

    @Test
    void aServerErrorThatClearsIsRetriedToSuccess() {
        AtomicInteger n = new AtomicInteger();
        ism.route("/api/v1/ism/segment", c -> n.incrementAndGet() < 3 ? new Reply(502, "bad gateway")
                : Reply.ok(new SegmentResponse(List.of(), List.of(), false, "stub", 1)));
        assertThat(client(List.of(ism.url()), 3, "").segment(segmentRequest()).engine()).isEqualTo("stub");
        assertThat(n.get()).isEqualTo(3);
    }

    @Test
    void connectionRefusedIsRetriedThenFailsNamingTheServer() {
        String dead = "http://127.0.0.1:" + StubHttpServer.deadPort();
        assertThatThrownBy(() -> client(List.of(dead), 2, "").estimate(new EstimateRequest("A", "A",
                List.of(1.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0), 1.0, "test", List.of(), false)))
                .isInstanceOf(ComputeCallException.class)
                .hasMessageContaining(dead).hasMessageContaining("did not answer")
                .hasMessageContaining("gave up after 3 attempts")
                .satisfies(e -> assertThat(((ComputeCallException) e).httpStatus()).isZero());
        assertThat(observed).hasSize(3).allMatch(o -> !o.ok() && o.service() == ComputeService.PEM);
    }

    @Test
    void aDeadReplicaIsSkippedForTheNextOne() {
        String dead = "http://127.0.0.1:" + StubHttpServer.deadPort();
        ism.route("/api/v1/ism/segment", c -> Reply.ok(new SegmentResponse(List.of(), List.of(), false, "stub", 3)));
        assertThat(client(List.of(dead, ism.url()), 0, "").segment(segmentRequest()).engine()).isEqualTo("stub");
        assertThat(observed).extracting(Observed::baseUrl, Observed::ok)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(dead, false),
                        org.assertj.core.groups.Tuple.tuple(ism.url(), true));
    }

    @Test
    void renderJobsArePolledUntilDoneWithProgress() {
        AtomicInteger polls = new AtomicInteger();
        render.route("/api/v1/render/templates", c -> new Reply(202, status("j1", "pending", 0, null)));
        render.route("/api/v1/render/jobs/", c -> Reply.ok(polls.incrementAndGet() < 3
                ? status("j1", "running", 40, null) : status("j1", "completed", 100, null)));
        List<Integer> progress = new CopyOnWriteArrayList<>();
        RenderJobStatus done = client(List.of(ism.url()), 1, "").renderTemplates(
                new RenderTemplatesRequest("test", "obj", null, false, null), progress::add, () -> false);
        assertThat(done.status()).isEqualTo("completed");
        assertThat(progress).contains(40, 100);
        assertThat(render.count("/api/v1/render/jobs/j1")).isEqualTo(3);
    }

    @Test
    void aFailedRenderJobFailsWithItsError() {
        render.route("/api/v1/render/templates", c -> new Reply(202, status("j2", "pending", 0, null)));
        render.route("/api/v1/render/jobs/", c -> Reply.ok(status("j2", "failed", 10, "mesh has no faces")));
        assertThatThrownBy(() -> client(List.of(ism.url()), 1, "").renderTemplates(
                new RenderTemplatesRequest("test", "obj", null, false, null), p -> { }, () -> false))
                .isInstanceOf(ComputeCallException.class).hasMessageContaining("mesh has no faces");
    }

    private static RenderJobStatus status(String id, String state, int progress, String error) {
        return new RenderJobStatus(id, state, progress, "test", "obj", "static/templates/test/obj", false,
                state.equals("completed") ? 42 : 0, error, Instant.now(), Instant.now(), null);
    }
}
