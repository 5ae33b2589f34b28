package io.sam6d.ism.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam6d.support.fixtures.CraftedImages;
import io.sam6d.support.fixtures.YcbvFixture;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.ImageFiles;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.io.bop.BopFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The weight-free engine behind POST /api/v1/ism/segment over real HTTP, on a real YCB-Video frame. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SegmentApiTests {

    static final Path STATIC_DIR = YcbvFixture.staticDir("ycbv", 2, 8, 14, 21);
    static final BopFrame FRAME = YcbvFixture.frame(0, 1);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("sam6d.static-dir", STATIC_DIR::toString);
    }

    @Autowired
    TestRestTemplate http;

    @Test
    void findsEveryObjectOfTheFrameWithAccurateMasks() {
        Map<String, Object> req = request(FRAME);
        req.put("object_names", List.of("obj_000008", "obj_000014", "obj_000021"));
        JsonNode body = segment(req);
        assertThat(body.get("engine").asText()).isEqualTo("weight-free");
        for (int id : new int[] {8, 14, 21}) {
            String name = String.format("obj_%06d", id);
            JsonNode best = null;
            for (JsonNode d : body.get("detections")) {
                if (d.get("object_name").asText().equals(name) && (best == null
                        || d.get("score").asDouble() > best.get("score").asDouble())) {
                    best = d;
                }
            }
            assertThat(best).as(name + " detected").isNotNull();
            Mask mask = Mask.fromCocoRle(counts(best.at("/segmentation/counts")), 480, 640);
            assertThat(mask.iou(YcbvFixture.labelMask(FRAME, id))).as(name + " mask IoU").isGreaterThan(0.7);
            assertThat(best.get("bbox")).hasSize(4);
            assertThat(best.get("score").asDouble()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void anAbsentObjectGetsNoDetection() {
        Map<String, Object> req = request(FRAME);
        req.put("object_name", "obj_000002"); // the cracker box is not in scene 0
        assertThat(segment(req).get("detections")).isEmpty();
    }

    @Test
    void depthOfAnotherSizeIsResampledAndSaid() {
        Map<String, Object> req = request(FRAME);
        DepthImage depth = ImageFiles.readDepth(FRAME.depth(), 1.0).resized(320, 240);
        req.put("depth_image", java.util.Base64.getEncoder().encodeToString(ImageFiles.encodeDepthPng(depth, 1.0)));
        req.put("object_name", "obj_000021");
        JsonNode body = segment(req);
        assertThat(body.get("depth_resampled").asBoolean()).isTrue();
        assertThat(body.get("warnings").toString()).contains("resampled");
    }

    @Test
    void aMetreForMillimetreMistakeIsNamedInAWarning() {
        Map<String, Object> req = request(FRAME);
        req.put("depth_scale", 0.0001); // depth taken as metres: a scene 0.06 mm away
        req.put("object_name", "obj_000021");
        JsonNode body = segment(req);
        assertThat(body.get("warnings").toString()).contains("depth_scale");
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("rgb_image", "%%% not base64", 400),
                Arguments.of("rgb_image", java.util.Base64.getEncoder().encodeToString("hello".getBytes()), 400),
                Arguments.of("depth_image", YcbvFixture.base64(FRAME.rgb()), 400),
                Arguments.of("cam_K", List.of(1.0, 2.0, 3.0), 400),
                Arguments.of("cam_K", List.of(0.0, 0.0, 320.0, 0.0, 0.0, 240.0, 0.0, 0.0, 1.0), 400),
                Arguments.of("cam_K", null, 400),
                Arguments.of("depth_scale", 0.0, 400),
                Arguments.of("depth_scale", -1.0, 400),
                Arguments.of("object_name", "obj_999999", 404),
                Arguments.of("object_name", "../../etc", 400),
                Arguments.of("class_name", "nope", 404),
                Arguments.of("score_threshold", 3.0, 400),
                Arguments.of("max_detections", 0, 400),
                Arguments.of("rgb_image", CraftedImages.base64(CraftedImages.pngDeclaring(60000, 60000)), 400),
                Arguments.of("rgb_image", CraftedImages.base64(CraftedImages.jpegDeclaring(65000, 65000)), 400),
                Arguments.of("rgb_image", CraftedImages.base64(CraftedImages.truncatedPng()), 400),
                Arguments.of("depth_image", CraftedImages.base64(CraftedImages.depthPngDeclaring(50000, 50000)), 400));
    }

    @ParameterizedTest(name = "{0} = {1} -> {2}")
    @MethodSource("badRequests")
    void badInputGets4xxNamingTheField(String field, Object value, int status) {
        Map<String, Object> req = request(FRAME);
        req.put("object_name", "obj_000021");
        req.put(field, value);
        ResponseEntity<JsonNode> r = http.postForEntity("/api/v1/ism/segment", req, JsonNode.class);
        assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(status);
        assertThat(r.getBody().get("field").asText()).isEqualTo(field);
    }

    @Test
    void nullsInsideListsAre400NamingTheElement() {
        Map<String, Object> req = request(FRAME);
        req.put("object_names", java.util.Arrays.asList("obj_000021", null));
        ResponseEntity<JsonNode> r = http.postForEntity("/api/v1/ism/segment", req, JsonNode.class);
        assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(400);
        assertThat(r.getBody().get("field").asText()).isEqualTo("object_names[1]");
        Map<String, Object> k = request(FRAME);
        k.put("object_name", "obj_000021");
        k.put("cam_K", java.util.Arrays.asList(1.0, 0.0, 320.0, 0.0, null, 240.0, 0.0, 0.0, 1.0));
        r = http.postForEntity("/api/v1/ism/segment", k, JsonNode.class);
        assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(400);
        assertThat(r.getBody().get("field").asText()).isEqualTo("cam_K[4]");
    }

    @Test
    void bothOrNeitherObjectFieldIs400() {
        Map<String, Object> req = request(FRAME);
        ResponseEntity<JsonNode> none = http.postForEntity("/api/v1/ism/segment", req, JsonNode.class);
        assertThat(none.getStatusCode().value()).isEqualTo(400);
        req.put("object_name", "obj_000021");
        req.put("object_names", List.of("obj_000008"));
        ResponseEntity<JsonNode> both = http.postForEntity("/api/v1/ism/segment", req, JsonNode.class);
        assertThat(both.getStatusCode().value()).isEqualTo(400);
        ResponseEntity<JsonNode> notJson = http.postForEntity("/api/v1/ism/segment",
                new org.springframework.http.HttpEntity<>("{oops", jsonHeaders()), JsonNode.class);
        assertThat(notJson.getStatusCode().value()).isEqualTo(400);
        assertThat(notJson.getBody().get("field").asText()).isEqualTo("body");
    }

    @Test
    void healthNamesTheEngineAndItsCache() {
        JsonNode health = http.getForObject("/actuator/health", JsonNode.class);
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.toString()).contains("weight-free");
    }

    private JsonNode segment(Map<String, Object> req) {
        ResponseEntity<JsonNode> r = http.postForEntity("/api/v1/ism/segment", req, JsonNode.class);
        assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(200);
        return r.getBody();
    }

    private static Map<String, Object> request(BopFrame f) {
        Map<String, Object> m = new HashMap<>(YcbvFixture.frameFields(f));
        m.put("class_name", "ycbv");
        return m;
    }

    private static List<Integer> counts(JsonNode arr) {
        List<Integer> out = new ArrayList<>();
        arr.forEach(n -> out.add(n.asInt()));
        return out;
    }

    private static org.springframework.http.HttpHeaders jsonHeaders() {
        org.springframework.http.HttpHeaders h = new org.springframework.http.HttpHeaders();
        h.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        return h;
    }
}
