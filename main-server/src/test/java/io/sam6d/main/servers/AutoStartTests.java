package io.sam6d.main.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code AUTO_START_DEPENDENCIES=true} with every compute server down: the compose command is a small script in a
 * temporary folder that records its arguments, so what main-server would run is seen without Docker.
 */
class AutoStartTests {

    static final Path COMPOSE_FILE = Path.of("/srv/sam6d/docker-compose.sam6d.yml");

    /** Only {@code docker-compose} exists: main-server falls back to it and starts every service. */
    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    class WithDockerComposeScript {

        static final Path BIN = tempDir("sam6d-compose-bin-");
        static final Path CALLS = BIN.resolve("calls.log");

        @Autowired
        TestRestTemplate http;

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) {
            script(BIN.resolve("docker-compose"), "echo \"$@\" >> '" + CALLS + "'\necho compose ok\n");
            commonProperties(registry, "auto-start-script");
            registry.add("sam6d.auto-start.commands", () -> BIN.resolve("docker") + " compose,"
                    + BIN.resolve("docker-compose"));
        }

        @Test
        void composeUpIsRunForEveryServiceWithoutAHealthyReplica() throws IOException {
            JsonNode report = finishedReport(http);
            assertThat(report.get("enabled").asBoolean()).isTrue();
            assertThat(report.get("command").asText()).isEqualTo(BIN.resolve("docker-compose").toString());
            for (String service : List.of("ism", "pem", "render")) {
                assertThat(report.get("services").get(service).get("outcome").asText()).isEqualTo("started");
                assertThat(report.get("services").get(service).get("detail").asText()).isEqualTo("compose ok");
            }
            assertThat(Files.readAllLines(CALLS)).containsExactly("version",
                    "-f " + COMPOSE_FILE + " up -d ism-server",
                    "-f " + COMPOSE_FILE + " up -d pem-server",
                    "-f " + COMPOSE_FILE + " up -d render-server");
        }
    }

    /** Neither command exists: a clear report, and main-server answers as usual. */
    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    class WithoutCompose {

        static final Path BIN = tempDir("sam6d-empty-bin-");

        @Autowired
        TestRestTemplate http;

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) {
            commonProperties(registry, "auto-start-none");
            registry.add("sam6d.auto-start.commands", () -> BIN.resolve("docker") + " compose,"
                    + BIN.resolve("docker-compose"));
        }

        @Test
        void theReportSaysNoComposeCommandExistsAndTheServerStaysUp() {
            JsonNode report = finishedReport(http);
            assertThat(report.get("command").isNull()).isTrue();
            assertThat(report.get("message").asText()).contains("none of the compose commands")
                    .contains("docker-compose").contains("ism-server");
            for (String service : List.of("ism", "pem", "render")) {
                assertThat(report.get("services").get(service).get("outcome").asText()).isEqualTo("no_command");
            }
            assertThat(http.getForObject("/actuator/health", JsonNode.class).get("status").asText())
                    .isEqualTo("UP");
            assertThat(http.getForObject("/api/v1/objects/classes", JsonNode.class).has("classes")).isTrue();
        }
    }

    static void commonProperties(DynamicPropertyRegistry registry, String db) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + db + ";DB_CLOSE_DELAY=-1");
        registry.add("sam6d.static-dir", () -> tempDir("sam6d-static-").toString());
        registry.add("sam6d.objects.watch-interval-ms", () -> "3600000");
        registry.add("sam6d.servers.ism.urls", StubComputeServer::deadUrl);
        registry.add("sam6d.servers.pem.urls", StubComputeServer::deadUrl);
        registry.add("sam6d.servers.render.urls", StubComputeServer::deadUrl);
        registry.add("sam6d.servers.health-timeout", () -> "1s");
        registry.add("sam6d.servers.check-interval", () -> "1h");
        registry.add("sam6d.auto-start.enabled", () -> "true");
        registry.add("sam6d.auto-start.compose-file", COMPOSE_FILE::toString);
        registry.add("sam6d.auto-start.timeout", () -> "30s");
    }

    static JsonNode finishedReport(TestRestTemplate http) {
        return await().atMost(Duration.ofSeconds(60)).until(
                () -> http.getForObject("/api/v1/servers/status?fresh=true", JsonNode.class).get("auto_start"),
                r -> r.get("state").asText().equals("finished"));
    }

    static void script(Path file, String body) {
        try {
            Files.writeString(file, "#!/bin/sh\n" + body);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
