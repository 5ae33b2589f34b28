package io.sam6d.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sam6d.support.TestApp;
import io.sam6d.support.security.InternalTokenFilter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Size limits, the internal token, CORS and the error shape, over real HTTP. */
@SpringBootTest(classes = TestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "sam6d.max-request-size-mb=1", "sam6d.internal-token=s3cret", "sam6d.cors.allowed-origins=http://ui.example",
    "spring.application.name=support-test"})
class SharedServerBehaviourTests {

    @LocalServerPort
    int port;

    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    final ObjectMapper json = new ObjectMapper();

    @Test
    void oversizedBodiesGet413WithAProblemDocument() throws Exception {
        String big = "{\"a\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/v1/echo")).header("Content-Type",
                "application/json").header(InternalTokenFilter.HEADER, "s3cret")
                .POST(HttpRequest.BodyPublishers.ofString(big)));
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(json.readTree(r.body()).get("field").asText()).isEqualTo("body");

        // streamed without Content-Length: cut off once the limit is passed
        HttpResponse<String> chunked = send(HttpRequest.newBuilder(uri("/api/v1/echo"))
                .header("Content-Type", "application/json").header(InternalTokenFilter.HEADER, "s3cret")
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArrays(
                        () -> List.of(big.getBytes()).iterator()))));
        assertThat(chunked.statusCode()).isEqualTo(413);
    }

    @Test
    void apiCallsNeedTheInternalTokenButHealthDoesNot() throws Exception {
        HttpResponse<String> none = send(HttpRequest.newBuilder(uri("/api/v1/items/a")).GET());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(json.readTree(none.body()).get("field").asText()).isEqualTo(InternalTokenFilter.HEADER);
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(uri("/api/v1/items/a"))
                .header(InternalTokenFilter.HEADER, "guess").GET());
        assertThat(wrong.statusCode()).isEqualTo(401);
        HttpResponse<String> ok = send(HttpRequest.newBuilder(uri("/api/v1/items/a"))
                .header(InternalTokenFilter.HEADER, "s3cret").GET());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/health")).GET()).statusCode()).isEqualTo(200);
    }

    @Test
    void errorsAreProblemDocumentsNamingTheField() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/v1/items/missing"))
                .header(InternalTokenFilter.HEADER, "s3cret").GET());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("json");
        JsonNode body = json.readTree(r.body());
        assertThat(body.get("field").asText()).isEqualTo("item_name");
        assertThat(body.get("title").asText()).isEqualTo("Not found");
        HttpResponse<String> badJson = send(HttpRequest.newBuilder(uri("/api/v1/echo"))
                .header("Content-Type", "application/json").header(InternalTokenFilter.HEADER, "s3cret")
                .POST(HttpRequest.BodyPublishers.ofString("{not json")));
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(json.readTree(badJson.body()).get("field").asText()).isEqualTo("body");
    }

    @Test
    void corsAllowsOnlyConfiguredOrigins() throws Exception {
        HttpResponse<String> allowed = send(HttpRequest.newBuilder(uri("/api/v1/items/a"))
                .header("Origin", "http://ui.example").header(InternalTokenFilter.HEADER, "s3cret").GET());
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://ui.example");
        HttpResponse<String> other = send(HttpRequest.newBuilder(uri("/api/v1/items/a"))
                .header("Origin", "http://evil.example").header(InternalTokenFilter.HEADER, "s3cret").GET());
        assertThat(other.statusCode()).isEqualTo(403);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return client.send(b.timeout(Duration.ofMinutes(1)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
