package io.sam6d.ism.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam6d.vision.djl.TestModels;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.ImageFiles;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.image.RgbImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * ism-server with the TorchScript engine over real HTTP: a network that keeps the pixels between 0.45 and 0.55 m as
 * one mask scored 0.875, the LM-O can (obj_000005) as the object, one rendered-looking template.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DjlSegmentIntegrationTest {

    static final Path ROOT;

    static {
        try {
            ROOT = Files.createTempDirectory("ism-djl");
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path model = TestModels.ismDepthBand(ROOT.resolve("ism.pt"), 0.45f, 0.55f, 0.875f);
        Path staticDir = ROOT.resolve("static");
        Path meshes = Files.createDirectories(staticDir.resolve("meshes/test"));
        Path can = Path.of(System.getProperty("sam6d.shared.dir"), "data/lmo_example/obj_000005.ply");
        Files.copy(can, meshes.resolve("obj_000005.ply"));
        Files.copy(can, meshes.resolve("bare.ply"));
        Path templates = Files.createDirectories(staticDir.resolve("templates/test/obj_000005"));
        boolean[] mask = new boolean[64 * 64];
        byte[] rgb = new byte[3 * 64 * 64];
        for (int y = 16; y < 48; y++) {
            for (int x = 16; x < 48; x++) {
                mask[y * 64 + x] = true;
                rgb[3 * (y * 64 + x)] = (byte) 230;
            }
        }
        ImageFiles.write(templates.resolve("rgb_0.png"), ImageFiles.encodeRgbPng(new RgbImage(64, 64, rgb)));
        ImageFiles.write(templates.resolve("mask_0.png"), ImageFiles.encodeMaskPng(mask, 64, 64));
        registry.add("sam6d.static-dir", staticDir::toString);
        registry.add("sam6d.ism.model-path", model::toString);
        registry.add("sam6d.ism.template-size", () -> "32");
    }

    @AfterAll
    static void clean() throws IOException {
        FileSystemUtils.deleteRecursively(ROOT);
    }

    @Autowired
    TestRestTemplate http;

    /** 640x480, background at 800 mm, a 100x80 block at 500 mm from (200, 150); depth PNG in 0.1 mm units. */
    static Map<String, Object> request(String object) {
        int w = 640, h = 480;
        float[] mm = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                mm[y * w + x] = x >= 200 && x < 300 && y >= 150 && y < 230 ? 500f : 800f;
            }
        }
        Base64.Encoder b64 = Base64.getEncoder();
        return Map.of(
                "rgb_image", b64.encodeToString(ImageFiles.encodeRgbPng(RgbImage.blank(w, h))),
                "depth_image", b64.encodeToString(ImageFiles.encodeDepthPng(new DepthImage(w, h, mm), 0.1)),
                "cam_K", List.of(572.4114, 0.0, 325.2611, 0.0, 573.57043, 242.04899, 0.0, 0.0, 1.0),
                "depth_scale", 0.1,
                "class_name", "test",
                "object_name", object);
    }

    @Test
    void segmentsWithTheTorchScriptNetwork() {
        ResponseEntity<JsonNode> r = http.postForEntity("/api/v1/ism/segment", request("obj_000005"),
                JsonNode.class);

        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode body = r.getBody();
        assertThat(body.get("engine").asText()).isEqualTo("djl");
        assertThat(body.get("detections")).hasSize(1);
        JsonNode d = body.get("detections").get(0);
        assertThat(d.get("object_name").asText()).isEqualTo("obj_000005");
        assertThat(d.get("score").asDouble()).isEqualTo(0.875);
        assertThat(d.get("bbox")).extracting(JsonNode::asInt).containsExactly(200, 150, 100, 80);
        assertThat(d.get("template_views").get(0).get("view_id").asInt()).isZero();
        List<Integer> counts = new ArrayList<>();
        d.get("segmentation").get("counts").forEach(c -> counts.add(c.asInt()));
        Mask mask = Mask.fromCocoRle(counts, 480, 640);
        assertThat(mask.area()).isEqualTo(100 * 80);
        assertThat(mask.get(250, 200)).isTrue();
    }

    @Test
    void anObjectWithoutTemplatesIsUnprocessable() {
        ResponseEntity<JsonNode> r = http.postForEntity("/api/v1/ism/segment", request("bare"), JsonNode.class);

        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(r.getBody().get("field").asText()).isEqualTo("object_name");
        assertThat(r.getBody().get("detail").asText()).contains("needs rendered templates of 'bare'");
    }

    @Test
    void healthNamesTheEngineItsDeviceAndLoadTime() {
        JsonNode health = http.getForObject("/actuator/health", JsonNode.class);

        JsonNode engine = health.get("components").get("engine");
        assertThat(engine.get("status").asText()).isEqualTo("UP");
        JsonNode details = engine.get("details");
        assertThat(details.get("engine").asText()).isEqualTo("djl");
        assertThat(details.get("device").asText()).isEqualTo("cpu");
        assertThat(details.get("contract").asText()).isEqualTo("sam6d-ism/1");
        assertThat(details.get("load_time_ms").asLong()).isNotNegative();
        assertThat(details.get("model_path").asText()).endsWith("ism.pt");
        assertThat(details.get("libtorch").asText()).startsWith("2.");
        assertThat(health.get("components").get("segmentation").get("details").get("engine").asText())
                .isEqualTo("djl");
    }
}
