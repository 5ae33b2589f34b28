package io.sam6d.ism.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam6d.support.fixtures.YcbvFixture;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.io.CameraFile;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The README's demo object (the repository's {@code static/meshes/test/obj_000005.ply}, LM-O's watering can, with no
 * {@code models_info.json} beside it) on the real LM-O frame, through the server: what a new user tries first.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DemoObjectSegmentTests {

    static final Path LMO = YcbvFixture.ycbv().resolveSibling("lmo_example");
    static final Path STATIC_DIR = demoStatic();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("sam6d.static-dir", STATIC_DIR::toString);
    }

    @Autowired
    TestRestTemplate http;

    @Test
    void theDemoCanIsFoundWhereSam6dFoundIt() throws IOException {
        CameraFile camera = CameraFile.read(LMO.resolve("camera.json"));
        Map<String, Object> req = new HashMap<>();
        req.put("rgb_image", YcbvFixture.base64(LMO.resolve("rgb.png")));
        req.put("depth_image", YcbvFixture.base64(LMO.resolve("depth.png")));
        req.put("cam_K", camera.camK());
        req.put("depth_scale", camera.depthScale());
        req.put("class_name", "test");
        req.put("object_name", "obj_000005");
        ResponseEntity<JsonNode> r = http.postForEntity("/api/v1/ism/segment", req, JsonNode.class);
        assertThat(r.getStatusCode().value()).isEqualTo(200);
        JsonNode detections = r.getBody().get("detections");
        assertThat(detections).as("the can is detected").isNotEmpty();
        List<Integer> counts = new ArrayList<>();
        detections.get(0).at("/segmentation/counts").forEach(n -> counts.add(n.asInt()));
        Mask mask = Mask.fromCocoRle(counts, 480, 640);
        // SAM-6D's mask of the can (reference/vis_ism.png) lies within x 370-440, y 225-320
        int inside = 0, total = 0;
        for (int y = 0; y < 480; y++) {
            for (int x = 0; x < 640; x++) {
                if (mask.get(x, y)) {
                    total++;
                    inside += x >= 365 && x <= 445 && y >= 220 && y <= 325 ? 1 : 0;
                }
            }
        }
        assertThat(total).isGreaterThan(2000);
        assertThat(inside / (double) total).isGreaterThan(0.9);
    }

    private static Path demoStatic() {
        try {
            Path dir = Files.createTempDirectory("sam6d-demo-static-");
            Path meshes = Files.createDirectories(dir.resolve("meshes/test"));
            Files.copy(Path.of("..", "static", "meshes", "test", "obj_000005.ply"), meshes.resolve("obj_000005.ply"));
            Files.createDirectories(dir.resolve("templates"));
            return dir;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
