package io.sam6d.render.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam6d.vision.render.TemplateSet;
import io.sam6d.vision.render.TemplateView;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** render-server over real HTTP: renders a real YCB-Video mesh and follows the job to the end. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RenderServerIntegrationTest {

    static final Path STATIC = TestStatic.create();

    @DynamicPropertySource
    static void staticDir(DynamicPropertyRegistry registry) {
        registry.add("sam6d.static-dir", STATIC::toString);
    }

    @Autowired
    TestRestTemplate http;

    @Test
    void rendersARealMeshSkipsCompleteTemplatesAndRerendersWhenForced() throws IOException {
        Path model = TestStatic.sharedData().resolve("ycbv_real/models/obj_000005.ply");
        Files.createDirectories(STATIC.resolve("meshes/ycbv"));
        Files.copy(model, STATIC.resolve("meshes/ycbv/obj_000005.ply"), StandardCopyOption.REPLACE_EXISTING);
        Map<String, Object> request = Map.of("class_name", "ycbv", "object_name", "obj_000005",
                "options", Map.of("views", 12, "image_size", 96));

        ResponseEntity<JsonNode> accepted = http.postForEntity("/api/v1/render/templates", request, JsonNode.class);
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String jobId = accepted.getBody().get("job_id").asText();
        assertThat(accepted.getHeaders().getLocation()).hasToString("/api/v1/render/jobs/" + jobId);
        assertThat(accepted.getBody().get("status").asText()).isIn("pending", "running");

        JsonNode done = awaitFinished(jobId);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
        assertThat(done.get("progress").asInt()).isEqualTo(100);
        assertThat(done.get("views_rendered").asInt()).isEqualTo(12);
        assertThat(done.get("output_dir").asText()).isEqualTo("static/templates/ycbv/obj_000005");
        assertThat(done.get("skipped").asBoolean()).isFalse();

        TemplateSet set = TemplateSet.read(STATIC.resolve("templates/ycbv/obj_000005"));
        assertThat(set.size()).isEqualTo(12);
        assertThat(set.mesh()).isEqualTo("static/meshes/ycbv/obj_000005.ply");
        TemplateView v = set.views().get(0);
        assertThat(v.readMask().area()).isEqualTo(v.visiblePixels()).isGreaterThan(500);
        assertThat(v.readXyzMm()).hasSize(96 * 96 * 3);

        // complete templates are not rendered again ...
        JsonNode skipped = http.postForEntity("/api/v1/render/templates", request, JsonNode.class).getBody();
        assertThat(skipped.get("status").asText()).isEqualTo("completed");
        assertThat(skipped.get("skipped").asBoolean()).isTrue();
        // ... unless forced
        Map<String, Object> forced = Map.of("class_name", "ycbv", "object_name", "obj_000005",
                "force_regenerate", true, "options", Map.of("views", 12, "image_size", 64));
        JsonNode again = awaitFinished(http.postForEntity("/api/v1/render/templates", forced, JsonNode.class)
                .getBody().get("job_id").asText());
        assertThat(again.get("status").asText()).isEqualTo("completed");
        assertThat(TemplateSet.read(STATIC.resolve("templates/ycbv/obj_000005")).imageSize()).isEqualTo(64);

        JsonNode list = http.getForObject("/api/v1/render/jobs?limit=10", JsonNode.class);
        assertThat(list.get("jobs").size()).isGreaterThanOrEqualTo(3);
        assertThat(list.get("jobs").get(0).get("job_id").asText()).isEqualTo(again.get("job_id").asText());
    }

    @Test
    void badMeshesFailTheirJobWithAClearMessageAndTheServerStaysUp() {
        TestStatic.write(STATIC, "meshes/bad/empty.ply", "");
        TestStatic.write(STATIC, "meshes/bad/truncated.ply", TestStatic.cubePly(40).substring(0, 260));
        TestStatic.write(STATIC, "meshes/bad/nan.ply", TestStatic.cubePly(40).replaceFirst("-20\\.0 -20\\.0 -20\\.0",
                "nan -20.0 -20.0"));
        TestStatic.write(STATIC, "meshes/bad/flat.ply", TestStatic.cubePly(40).replaceAll("20\\.0", "0.0"));
        Map<String, String> expected = Map.of("empty", "empty.ply", "truncated", "truncated.ply",
                "nan", "non-finite", "flat", "no extent");
        expected.forEach((name, message) -> {
            JsonNode job = http.postForEntity("/api/v1/render/templates",
                    Map.of("class_name", "bad", "object_name", name), JsonNode.class).getBody();
            JsonNode done = awaitFinished(job.get("job_id").asText());
            assertThat(done.get("status").asText()).as(name).isEqualTo("failed");
            assertThat(done.get("error").asText()).as(name).contains("bad mesh").contains(message);
            assertThat(STATIC.resolve("templates/bad/" + name)).doesNotExist();
        });
        JsonNode health = http.getForObject("/actuator/health", JsonNode.class);
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.get("components").get("render").get("status").asText()).isEqualTo("UP");
    }

    private JsonNode awaitFinished(String jobId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            JsonNode s = http.getForObject("/api/v1/render/jobs/" + jobId, JsonNode.class);
            String state = s.get("status").asText();
            if (state.equals("completed") || state.equals("failed")) {
                return s;
            }
            assertThat(s.get("progress").asInt()).isBetween(0, 99);
            assertThat(System.nanoTime()).as("job %s still %s", jobId, state).isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
