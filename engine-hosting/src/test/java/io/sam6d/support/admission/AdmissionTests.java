package io.sam6d.support.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sam6d.support.web.CallDeadline;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The bulkhead and the caller's deadline in front of a server's API, over real HTTP. */
@SpringBootTest(classes = AdmissionTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "sam6d.admission.max-concurrent=1", "sam6d.admission.max-queued=1", "sam6d.admission.max-queue-wait=400ms"})
class AdmissionTests {

    @LocalServerPort
    int port;

    @Autowired
    ComputeAdmission admission;

    final HttpClient client = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    @Test
    void atCapacityRequestsWaitBrieflyThenGet503WithRetryAfterAndTheServerServesTheNext() throws Exception {
        WorkEndpoints.release = new CountDownLatch(1);
        CompletableFuture<HttpResponse<String>> first = sendAsync("/api/v1/test/hold");
        assertThat(WorkEndpoints.entered.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<HttpResponse<String>> queued = sendAsync("/api/v1/test/hold");
        awaitQueued();
        HttpResponse<String> full = sendAsync("/api/v1/test/hold").get(10, TimeUnit.SECONDS);
        assertThat(full.statusCode()).as("queue full: turned away at once").isEqualTo(503);
        assertThat(Long.parseLong(full.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(json.readTree(full.body()).get("title").asText()).isEqualTo("Busy");

        HttpResponse<String> waited = queued.get(10, TimeUnit.SECONDS);
        assertThat(waited.statusCode()).as("no turn within the queue wait").isEqualTo(503);
        assertThat(waited.headers().firstValue("Retry-After")).isPresent();

        WorkEndpoints.release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(sendAsync("/api/v1/test/hold").get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(admission.running()).isZero();
    }

    @Test
    void workStopsAtTheCallersDeadline() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/test/spin")).header(CallDeadline.HEADER, "300").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(json.readTree(r.body()).get("field").asText()).isEqualTo(CallDeadline.HEADER);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

        HttpResponse<String> bad = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/test/spin")).header(CallDeadline.HEADER, "soon").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json.readTree(bad.body()).get("field").asText()).isEqualTo(CallDeadline.HEADER);
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(String path) {
        return client.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void awaitQueued() throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (admission.queued() < 1 && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(admission.queued()).isEqualTo(1);
    }
}
