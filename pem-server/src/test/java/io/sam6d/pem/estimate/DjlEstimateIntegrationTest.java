package io.sam6d.pem.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
 * pem-server with the TorchScript engine over real HTTP: a network whose t is the centroid of the observed points
 * plus (10, -20, 30) mm, R a quarter turn about z and score the mean colour of the crop; the LM-O can as the object.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DjlEstimateIntegrationTest {

    static final Path ROOT;
    static final double FX = 572.4114, FY = 573.57043, CX = 325.2611, CY = 242.04899;

    static {
        try {
            ROOT = Files.createTempDirectory("pem-djl");
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path model = TestModels.pemCentroid(ROOT.resolve("pem.pt"), new float[] {0, -1, 0, 1, 0, 0, 0, 0, 1},
                new float[] {0.01f, -0.02f, 0.03f});
        Path meshes = Files.createDirectories(ROOT.resolve("static/meshes/test"));
        Files.copy(Path.of(System.getProperty("sam6d.shared.dir"), "data/lmo_example/obj_000005.ply"),
                meshes.resolve("obj_000005.ply"));
        registry.add("sam6d.static-dir", () -> ROOT.resolve("static").toString());
        registry.add("sam6d.pem.model-path", model::toString);
    }

    @AfterAll
    static void clean() throws IOException {
        FileSystemUtils.deleteRecursively(ROOT);
    }

    @Autowired
    TestRestTemplate http;

    @Test
    void estimatesWithTheTorchScriptNetwork() {
        int w = 640, h = 480;
        byte[] rgb = new byte[3 * w * h];
        Arrays.fill(rgb, (byte) 204);
        float[] mm = new float[w * h];
        boolean[] bits = new boolean[w * h];
        double sx = 0, sy = 0;
        // 64 x 32 pixels = 2048 = the points the network gets: each used once, so t is the exact centroid
        for (int y = 200; y < 232; y++) {
            for (int x = 300; x < 364; x++) {
                mm[y * w + x] = 600f;
                bits[y * w + x] = true;
                sx += (x - CX) * 600 / FX;
                sy += (y - CY) * 600 / FY;
            }
        }
        Mask mask = new Mask(w, h, bits);
        Base64.Encoder b64 = Base64.getEncoder();
        Map<String, Object> detection = Map.of("object_name", "obj_000005", "score", 0.9, "bbox",
                List.of(300, 200, 64, 32), "segmentation", Map.of("counts", mask.toCocoRle(), "size", List.of(h, w)));
        Map<String, Object> request = Map.of(
                "rgb_image", b64.encodeToString(ImageFiles.encodeRgbPng(new RgbImage(w, h, rgb))),
                "depth_image", b64.encodeToString(ImageFiles.encodeDepthPng(new DepthImage(w, h, mm), 1.0)),
                "cam_K", List.of(FX, 0.0, CX, 0.0, FY, CY, 0.0, 0.0, 1.0),
                "depth_scale", 1.0,
                "class_name", "test",
                "detections", List.of(detection));

        ResponseEntity<JsonNode> r = http.postForEntity("/api/v1/pem/estimate", request, JsonNode.class);

        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(r.getBody().get("engine").asText()).isEqualTo("djl");
        JsonNode pose = r.getBody().get("poses").get(0);
        assertThat(pose.get("detection_index").asInt()).isZero();
        JsonNode t = pose.get("t");
        assertThat(t.get(0).asDouble()).isCloseTo(sx / 2048 + 10, within(0.05));
        assertThat(t.get(1).asDouble()).isCloseTo(sy / 2048 - 20, within(0.05));
        assertThat(t.get(2).asDouble()).isCloseTo(630, within(0.05));
        JsonNode rot = pose.get("R");
        assertThat(rot.get(0)).extracting(JsonNode::asDouble).containsExactly(0.0, -1.0, 0.0);
        assertThat(rot.get(1)).extracting(JsonNode::asDouble).containsExactly(1.0, 0.0, 0.0);
        assertThat(pose.get("score").asDouble()).isCloseTo(0.8, within(1e-3));
    }

    @Test
    void healthNamesTheEngineItsDeviceAndLoadTime() {
        JsonNode details = http.getForObject("/actuator/health", JsonNode.class).get("components").get("engine")
                .get("details");

        assertThat(details.get("engine").asText()).isEqualTo("djl");
        assertThat(details.get("device").asText()).isEqualTo("cpu");
        assertThat(details.get("contract").asText()).isEqualTo("sam6d-pem/1");
        assertThat(details.get("load_time_ms").asLong()).isNotNegative();
    }
}
