package io.sam6d.main.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sam6d.main.compute.ComputeCallObserver;
import io.sam6d.main.compute.ComputeEndpoints;
import io.sam6d.main.compute.ComputeService;
import io.sam6d.model.servers.ServersStatusResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * {@code /api/v1/servers/status} against real HTTP stand-ins for the compute servers, once per database (H2 and
 * PostgreSQL subclasses). ISM: a dead replica listed before a healthy one; PEM: one replica answering 500 and one
 * far slower than the health timeout; render: two healthy replicas.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
abstract class ServersStatusContractTests {

    static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(1);

    static final String ISM_DEAD = StubComputeServer.deadUrl();
    static final StubComputeServer ISM = StubComputeServer.healthy("ism-health.json");
    static final StubComputeServer PEM_FAILING = StubComputeServer.failing();
    static final StubComputeServer PEM_SLOW = StubComputeServer.slow(HEALTH_TIMEOUT.multipliedBy(30));
    static final StubComputeServer RENDER_A = StubComputeServer.healthy("render-health.json");
    static final StubComputeServer RENDER_B = StubComputeServer.healthy("render-health.json");

    @Autowired
    TestRestTemplate http;

    @Autowired
    ComputeEndpoints endpoints;

    @Autowired
    ComputeCallObserver observer;

    @Autowired
    ServerStatusRepository history;

    @Autowired
    PeriodicServerChecker checker;

    @Autowired
    ServerMonitor monitor;

    @Autowired
    ObjectMapper json;

    static Map<String, String> commonProperties() throws Exception {
        Map<String, String> p = new HashMap<>();
        p.put("sam6d.static-dir", Files.createTempDirectory("sam6d-static-").toString());
        p.put("sam6d.objects.watch-interval-ms", "3600000");
        p.put("sam6d.servers.ism.urls", ISM_DEAD + "," + ISM.url());
        p.put("sam6d.servers.pem.urls", PEM_FAILING.url() + "," + PEM_SLOW.url());
        p.put("sam6d.servers.render.urls", RENDER_A.url() + "/," + RENDER_B.url());
        p.put("sam6d.servers.health-timeout", HEALTH_TIMEOUT.toMillis() + "ms");
        p.put("sam6d.servers.check-interval", "1h");
        // long enough that a test sees cached answers stay cached
        p.put("sam6d.cache.servers-status-ttl-ms", "600000");
        return p;
    }

    /** The start-up check runs in the background; tests start from its result. */
    @BeforeEach
    void waitForStartUpCheck() {
        await().atMost(Duration.ofSeconds(30)).until(() -> checker.checksDone() >= 1);
    }

    @Test
    void everyReplicaGetsItsStatusAndTheOverallStatusIsDegraded() {
        JsonNode body = getOk("/api/v1/servers/status?fresh=true");
        assertThat(body.get("overall_status").asText()).isEqualTo("degraded");
        assertThat(body.get("healthy_servers").asInt()).isEqualTo(2);
        assertThat(body.get("total_servers").asInt()).isEqualTo(3);
        assertThat(body.get("healthy_replicas").asInt()).isEqualTo(3);
        assertThat(body.get("total_replicas").asInt()).isEqualTo(6);
        assertThat(body.get("auto_start").get("enabled").asBoolean()).isFalse();

        JsonNode ism = body.get("servers").get("ism");
        assertThat(ism.get("status").asText()).isEqualTo("healthy");
        assertThat(ism.get("url").asText()).isEqualTo(ISM.url());
        assertThat(ism.get("response_time_ms").isIntegralNumber()).isTrue();
        assertThat(Instant.parse(ism.get("last_check").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(urls(ism)).containsExactly(ISM.url(), ISM_DEAD);
        JsonNode dead = ism.get("replicas").get(1);
        assertThat(dead.get("status").asText()).isEqualTo("unreachable");
        assertThat(dead.get("error").asText()).isEqualTo("connection refused");
        assertThat(dead.get("response_time_ms").isNull()).isTrue();
        assertThat(dead.get("cpu_usage").isNull()).isTrue();

        JsonNode pem = body.get("servers").get("pem");
        assertThat(pem.get("status").asText()).isEqualTo("unhealthy");
        assertThat(urls(pem)).containsExactly(PEM_FAILING.url(), PEM_SLOW.url());
        JsonNode failing = pem.get("replicas").get(0);
        assertThat(failing.get("status").asText()).isEqualTo("unhealthy");
        assertThat(failing.get("error").asText()).contains("HTTP 500");
        JsonNode slow = pem.get("replicas").get(1);
        assertThat(slow.get("status").asText()).isEqualTo("unreachable");
        assertThat(slow.get("error").asText()).contains("no answer within " + HEALTH_TIMEOUT.toMillis() + " ms");

        JsonNode render = body.get("servers").get("render");
        assertThat(render.get("status").asText()).isEqualTo("healthy");
        assertThat(urls(render)).containsExactlyInAnyOrder(RENDER_A.url(), RENDER_B.url());
    }

    @Test
    void oneSlowAndOneDeadServerDoNotDelayTheAnswerBeyondTheTimeout() {
        long start = System.nanoTime();
        getOk("/api/v1/servers/status?fresh=true");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        // loose on purpose: checked one after another, the slow replica alone would take 30 timeouts
        assertThat(took).isLessThan(HEALTH_TIMEOUT.multipliedBy(3));
    }

    @Test
    void engineStateModelCacheAndResourcesArePassedThroughFromTheServer() {
        JsonNode ism = getOk("/api/v1/servers/status?fresh=true").get("servers").get("ism");
        JsonNode engine = ism.get("engine");
        assertThat(engine.get("engine").asText()).isEqualTo("weight-free");
        assertThat(engine.get("device").asText()).isEqualTo("cpu");
        assertThat(engine.get("load_time_ms").asInt()).isEqualTo(3);
        assertThat(engine.get("state").asText()).isEqualTo("ready");
        assertThat(engine.get("loaded").asBoolean()).isTrue();
        // on the CPU there is no GPU memory to report: present, and null
        assertThat(engine.has("gpu_memory_used_mb")).isTrue();
        assertThat(engine.get("gpu_memory_used_mb").isNull()).isTrue();
        assertThat(engine.get("gpu_memory_total_mb").isNull()).isTrue();
        JsonNode cache = ism.get("model_cache");
        assertThat(cache.get("size").asInt()).isEqualTo(1);
        assertThat(cache.get("max_size").asInt()).isEqualTo(32);
        assertThat(cache.get("hit_rate").asDouble()).isZero();
        assertThat(cache.get("cached_objects").get(0).asText()).isEqualTo("test/obj_000005");
        assertThat(ism.get("cpu_usage").asDouble()).isEqualTo(StubComputeServer.CPU_FRACTION * 100);
        assertThat(ism.get("memory_used_mb").asDouble()).isEqualTo(100.0);
        assertThat(ism.get("memory_max_mb").asDouble()).isEqualTo(1024.0);

        JsonNode render = getOk("/api/v1/servers/status/render").get("engine");
        assertThat(render.get("workers").asInt()).isEqualTo(1);
        assertThat(render.get("queue_capacity").asInt()).isEqualTo(16);
        assertThat(render.get("gpu_memory_used_mb").isNull()).isTrue();
    }

    @Test
    void answersAreCachedUntilFreshIsAskedFor() {
        JsonNode first = getOk("/api/v1/servers/status?fresh=true");
        int checksBefore = ISM.healthRequests();
        JsonNode cached = getOk("/api/v1/servers/status");
        JsonNode cachedAgain = getOk("/api/v1/servers/status/ism");
        assertThat(cached.get("checked_at")).isEqualTo(first.get("checked_at"));
        assertThat(cachedAgain.get("last_check")).isEqualTo(first.get("servers").get("ism").get("last_check"));
        assertThat(ISM.healthRequests()).isEqualTo(checksBefore);

        JsonNode fresh = getOk("/api/v1/servers/status?fresh=true");
        assertThat(Instant.parse(fresh.get("checked_at").asText()))
                .isAfter(Instant.parse(first.get("checked_at").asText()));
        assertThat(ISM.healthRequests()).isEqualTo(checksBefore + 1);
    }

    @Test
    void everyCheckIsRecordedInServerStatus() {
        long before = history.count();
        getOk("/api/v1/servers/status?fresh=true");
        assertThat(history.count()).isEqualTo(before + 6);
        List<ServerStatusRecord> pem = history.findByServiceOrderByCheckedAtDesc("pem");
        ServerStatusRecord failing = pem.stream().filter(r -> r.url().equals(PEM_FAILING.url())).findFirst()
                .orElseThrow();
        assertThat(failing.status()).isEqualTo("unhealthy");
        assertThat(failing.error()).contains("HTTP 500");
        ServerStatusRecord slow = pem.stream().filter(r -> r.url().equals(PEM_SLOW.url())).findFirst()
                .orElseThrow();
        assertThat(slow.status()).isEqualTo("unreachable");
        assertThat(slow.responseTimeMs()).isNull();
        ServerStatusRecord ism = history.findByServiceOrderByCheckedAtDesc("ism").stream()
                .filter(r -> r.url().equals(ISM.url())).findFirst().orElseThrow();
        assertThat(ism.status()).isEqualTo("healthy");
        assertThat(ism.responseTimeMs()).isNotNull();
    }

    @Test
    void rowsOlderThanTheRetentionAreDeleted() {
        ServerStatusRecord old = history.save(new ServerStatusRecord("ism", ISM.url(), "healthy", 3L, null,
                Instant.now().minus(Duration.ofDays(8))));
        ServerStatusRecord recent = history.save(new ServerStatusRecord("ism", ISM.url(), "healthy", 3L, null,
                Instant.now().minus(Duration.ofDays(6))));
        assertThat(checker.purge()).isGreaterThanOrEqualTo(1);
        assertThat(history.existsById(old.id())).isFalse();
        assertThat(history.existsById(recent.id())).isTrue();
    }

    @Test
    void callsGoToHealthyReplicasFirstAndNeverToNone() {
        getOk("/api/v1/servers/status?fresh=true");
        assertThat(endpoints.candidates(ComputeService.ISM)).containsExactly(ISM.url(), ISM_DEAD);
        // no replica healthy: every one is still offered
        assertThat(endpoints.candidates(ComputeService.PEM)).containsExactlyInAnyOrder(PEM_FAILING.url(),
                PEM_SLOW.url());
    }

    @Test
    void healthyReplicasTakeTurnsAndOneWithRecentErrorsGoesLast() {
        getOk("/api/v1/servers/status?fresh=true");
        Set<String> firsts = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            firsts.add(endpoints.candidates(ComputeService.RENDER).get(0));
        }
        assertThat(firsts).containsExactlyInAnyOrder(RENDER_A.url(), RENDER_B.url());

        observer.record(ComputeService.RENDER, RENDER_A.url(), "/api/v1/render/templates", Duration.ofMillis(5),
                false);
        List<String> firstsAfterError = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            firstsAfterError.add(endpoints.candidates(ComputeService.RENDER).get(0));
        }
        assertThat(firstsAfterError).containsOnly(RENDER_B.url());
    }

    @Test
    void errorRateCountsMainServersOwnCallsAndMetricsAreExported() {
        for (boolean ok : new boolean[] {true, true, true, false}) {
            observer.record(ComputeService.ISM, ISM.url(), "/api/v1/ism/segment", Duration.ofMillis(20), ok);
        }
        JsonNode ism = getOk("/api/v1/servers/status?fresh=true").get("servers").get("ism");
        assertThat(ism.get("calls").asLong()).isEqualTo(4);
        assertThat(ism.get("error_rate").asDouble()).isEqualTo(0.25);
        assertThat(ism.get("error_window_s").asLong()).isEqualTo(300);
        assertThat(ism.get("replicas").get(0).get("calls").asLong()).isEqualTo(4);

        String metrics = http.getForObject("/actuator/prometheus", String.class);
        assertThat(metrics).containsPattern("sam6d_compute_calls_seconds_count\\{[^}]*outcome=\"error\"[^}]*"
                + "service=\"ism\"[^}]*} 1");
        assertThat(metrics).containsPattern("sam6d_compute_errors_total\\{[^}]*service=\"ism\"[^}]*} 1");
        assertThat(metrics).containsPattern("sam6d_servers_healthy_replicas\\{[^}]*service=\"render\"[^}]*} 2");
        assertThat(metrics).containsPattern("sam6d_servers_healthy_replicas\\{[^}]*service=\"pem\"[^}]*} 0");
    }

    @Test
    void oneServiceAloneAndUnknownServicesAre404() {
        JsonNode ism = getOk("/api/v1/servers/status/ism");
        assertThat(ism.get("status").asText()).isEqualTo("healthy");

        ResponseEntity<JsonNode> unknown = http.getForEntity("/api/v1/servers/status/camera", JsonNode.class);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody().get("field").asText()).isEqualTo("service");

        ResponseEntity<JsonNode> badFlag = http.getForEntity("/api/v1/servers/status?fresh=maybe", JsonNode.class);
        assertThat(badFlag.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badFlag.getBody().get("field").asText()).isEqualTo("fresh");
    }

    /** With REDIS_URL the cached answer travels as JSON through the server's own mapper: it must come back whole. */
    @Test
    void theAnswerSurvivesTheJsonRoundTripOfTheRedisCache() throws Exception {
        ServersStatusResponse answer = monitor.status(true);
        assertThat(json.readValue(json.writeValueAsBytes(answer), ServersStatusResponse.class)).isEqualTo(answer);
    }

    private JsonNode getOk(String path) {
        ResponseEntity<JsonNode> r = http.getForEntity(path, JsonNode.class);
        assertThat(r.getStatusCode()).as("%s -> %s", path, r.getBody()).isEqualTo(HttpStatus.OK);
        return r.getBody();
    }

    private static List<String> urls(JsonNode service) {
        List<String> urls = new ArrayList<>();
        service.get("replicas").forEach(r -> urls.add(r.get("url").asText()));
        return urls;
    }

}
