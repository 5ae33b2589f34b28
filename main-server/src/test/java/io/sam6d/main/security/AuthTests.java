package io.sam6d.main.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** JWT bearer authentication of the API: missing, expired and forged tokens are refused with 401. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthTests {

    static final String SECRET = "0123456789abcdef0123456789abcdef-test";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path staticDir = java.nio.file.Files.createTempDirectory("sam6d-auth-static");
        registry.add("sam6d.static-dir", staticDir::toString);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:auth;DB_CLOSE_DELAY=-1");
        registry.add("sam6d.auth.enabled", () -> "true");
        registry.add("sam6d.auth.jwt-secret", () -> SECRET);
        registry.add("sam6d.auth.clients", () -> "robot:r0b0t-pass,ui:ui-pass");
    }

    @Autowired
    TestRestTemplate http;

    @LocalServerPort
    int port;

    @Test
    void aClientGetsATokenThatOpensTheApi() {
        ResponseEntity<JsonNode> token = http.postForEntity("/api/v1/auth/token",
                Map.of("client_id", "robot", "client_secret", "r0b0t-pass"), JsonNode.class);
        assertThat(token.getStatusCode().value()).isEqualTo(200);
        assertThat(token.getBody().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.getBody().get("expires_in").asLong()).isEqualTo(3600);
        assertThat(get("/api/v1/objects/classes", token.getBody().get("access_token").asText()).getStatusCode()
                .value()).isEqualTo(200);
    }

    @Test
    void wrongClientSecretIs401() {
        ResponseEntity<JsonNode> r = http.postForEntity("/api/v1/auth/token",
                Map.of("client_id", "robot", "client_secret", "guess"), JsonNode.class);
        assertThat(r.getStatusCode().value()).isEqualTo(401);
        assertThat(r.getBody().get("field").asText()).isEqualTo("client_secret");
    }

    @Test
    void missingTokenIs401() {
        ResponseEntity<JsonNode> r = get("/api/v1/objects/classes", null);
        assertThat(r.getStatusCode().value()).isEqualTo(401);
        assertThat(r.getBody().get("field").asText()).isEqualTo("Authorization");
        assertThat(r.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void expiredTokenIs401() throws Exception {
        String expired = sign(SECRET, Instant.now().minusSeconds(7200), Instant.now().minusSeconds(3600));
        ResponseEntity<JsonNode> r = get("/api/v1/objects/classes", expired);
        assertThat(r.getStatusCode().value()).isEqualTo(401);
        assertThat(r.getBody().get("detail").asText()).contains("expired");
    }

    @Test
    void forgedTokensAre401() throws Exception {
        String otherKey = sign("another-secret-of-at-least-32-bytes!!", Instant.now(), Instant.now().plusSeconds(600));
        assertThat(get("/api/v1/objects/classes", otherKey).getStatusCode().value()).isEqualTo(401);
        String valid = sign(SECRET, Instant.now(), Instant.now().plusSeconds(600));
        String[] parts = valid.split("\\.");
        String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"admin\",\"exp\":9999999999}".getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(get("/api/v1/objects/classes", tampered).getStatusCode().value()).isEqualTo(401);
        assertThat(get("/api/v1/objects/classes", "not-a-jwt").getStatusCode().value()).isEqualTo(401);
        String unsigned = parts[0].replace(parts[0], java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))) + "." + parts[1] + ".";
        assertThat(get("/api/v1/objects/classes", unsigned).getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void healthAndDocsStayOpen() {
        assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode().value()).isEqualTo(200);
        assertThat(http.getForEntity("/v3/api-docs", String.class).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void encodedAndParameterisedPathsNeverGetPastTheToken() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (String path : List.of("/%61pi/v1/objects/classes", "/api/v1/%6Fbjects/classes", "/api/v1/objects/classes/",
                "//api/v1/objects/classes", "/api/v1/workflow/jobs", "/actuator/metrics", "/actuator/env", "/",
                "/api;x/v1/objects/classes", "/api/v1/objects;x/classes",
                "/actuator/health/..%2F..%2Fapi/v1/objects")) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isIn(400, 401);
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("field").asText())
                    .as(path).isIn("Authorization", "path");
        }
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/%61pi/v1/objects/rescan")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(401);
    }

    private ResponseEntity<JsonNode> get(String url, String token) {
        HttpHeaders h = new HttpHeaders();
        if (token != null) {
            h.setBearerAuth(token);
        }
        return http.exchange(url, HttpMethod.GET, new HttpEntity<>(h), JsonNode.class);
    }

    private static String sign(String secret, Instant issued, Instant expires) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject("robot")
                .issueTime(Date.from(issued)).expirationTime(Date.from(expires)).build());
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
