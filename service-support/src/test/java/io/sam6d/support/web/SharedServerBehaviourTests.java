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

/**
 * Size limits, the internal token (and the paths that try to get around it), CORS and the error shape, over real
 * HTTP.
 */
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
    void encodedAndParameterisedPathsNeverGetPastTheToken() throws Exception {
        // the router decodes %61 to 'a' and drops ';x': the token check must see the same path
        for (String path : List.of("/%61pi/v1/items/a", "/api/v1/%69tems/a", "/API/v1/items/a", "/api/v1/items/a/",
                "//api/v1/items/a", "/api/v1/items/..%2F..%2Factuator%2Fhealth", "/actuator/health/..%2F..%2Fapi",
                "/actuator/metrics", "/actuator/env", "/", "/anything")) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(uri(path)).GET());
            assertThat(r.statusCode()).as(path).isIn(400, 401);
            assertThat(json.readTree(r.body()).path("field").asText()).as(path).isNotEmpty();
        }
        HttpResponse<String> post = send(HttpRequest.newBuilder(uri("/%61pi/v1/echo"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(post.statusCode()).isEqualTo(401);
        for (String path : List.of("/api;x/v1/items/a", "/api/v1;jsessionid=1/items/a", "/actuator/health;x")) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(uri(path)).GET());
            assertThat(r.statusCode()).as(path).isEqualTo(400);
            assertThat(json.readTree(r.body()).get("field").asText()).as(path).isEqualTo("path");
        }
        // the open list, however it is spelled, leads only to what is open
        // refused by Tomcat itself, still a problem document
        for (String path : List.of("/api/v1/items/a%00b", "/api/v1/items/a%5Cb")) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(uri(path)).header(InternalTokenFilter.HEADER,
                    "s3cret").GET());
            assertThat(r.statusCode()).as(path).isEqualTo(400);
            assertThat(json.readTree(r.body()).get("field").asText()).as(path).isEqualTo("path");
        }
        // (Prometheus is open too; test contexts do not export it)
        for (String path : List.of("/actuator/health", "/%61ctuator/health", "/actuator/health/liveness",
                "/v3/api-docs")) {
            assertThat(send(HttpRequest.newBuilder(uri(path)).GET()).statusCode()).as(path).isEqualTo(200);
        }
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
