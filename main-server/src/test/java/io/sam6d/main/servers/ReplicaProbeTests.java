package io.sam6d.main.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sam6d.main.compute.ComputeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One replica's check against real HTTP stand-ins answering with health documents captured from PEM. */
class ReplicaProbeTests {

    private final ReplicaProbe probe = new ReplicaProbe(Duration.ofSeconds(2), new ObjectMapper(),
            Clock.systemUTC(), "");

    @AfterEach
    void close() {
        probe.destroy();
    }

    @Test
    void aReadyPemReportsItsEngineAndModelCache() {
        try (StubComputeServer pem = StubComputeServer.healthy("pem-health.json")) {
            ReplicaCheck check = probe.check(ComputeService.PEM, pem.url()).join();
            assertThat(check.status()).isEqualTo(ReplicaCheck.HEALTHY);
            assertThat(check.error()).isNull();
            assertThat(check.engine()).containsEntry("engine", "weight-free").containsEntry("device", "cpu")
                    .containsEntry("load_time_ms", 13).containsEntry("state", "ready").containsEntry("loaded", true);
            assertThat(check.modelCache()).containsEntry("size", 1).containsEntry("max_size", 32)
                    .containsKey("hit_rate");
            assertThat(check.memoryMaxMb()).isEqualTo(1024.0);
        }
    }

    @Test
    void aPemStillPreloadingIsUnhealthyAndSaysWhy() {
        String preloading = StubComputeServer.resource("pem-health.json")
                .replaceFirst("\"status\": \"UP\"", "\"status\": \"OUT_OF_SERVICE\"")
                .replace("\"state\": \"ready\"", "\"state\": \"preloading\"");
        try (StubComputeServer pem = StubComputeServer.answering(503, preloading)) {
            ReplicaCheck check = probe.check(ComputeService.PEM, pem.url()).join();
            assertThat(check.status()).isEqualTo(ReplicaCheck.UNHEALTHY);
            assertThat(check.error()).isEqualTo("health OUT_OF_SERVICE (HTTP 503)");
            assertThat(check.engine()).containsEntry("state", "preloading").containsEntry("loaded", false);
            assertThat(check.responseTimeMs()).isNotNull();
        }
    }
}
