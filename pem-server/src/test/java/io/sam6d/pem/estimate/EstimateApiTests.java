package io.sam6d.pem.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam6d.support.fixtures.CraftedImages;
import io.sam6d.support.fixtures.YcbvFixture;
import io.sam6d.vision.eval.EvalModel;
import io.sam6d.vision.eval.PoseErrors;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.io.bop.BopDataset;
import io.sam6d.vision.io.bop.BopFrame;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The weight-free engine behind POST /api/v1/pem/estimate over real HTTP, on a real YCB-Video frame. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EstimateApiTests {

    static final Path STATIC_DIR = YcbvFixture.staticDir("ycbv", 8, 14, 21);
    static final BopFrame FRAME = YcbvFixture.frame(0, 1);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("sam6d.static-dir", STATIC_DIR::toString);
        registry.add("sam6d.pem.max-detections", () -> "3");
    }

    @Autowired
    TestRestTemplate http;

    @Test
    void posesOfGeometricallyUnambiguousObjectsAreWithinATenthOfTheDiameter() {
        Map<String, Object> req = request();
        req.put("detections", List.of(YcbvFixture.labelDetection(FRAME, 8), YcbvFixture.labelDetection(FRAME, 21)));
        req.put("debug", true);
        JsonNode body = estimate(req);
        assertThat(body.get("engine").asText()).isEqualTo("weight-free");
        assertThat(body.get("poses")).hasSize(2);
        BopDataset ds = BopDataset.open(YcbvFixture.ycbv());
        for (JsonNode p : body.get("poses")) {
            int objId = Integer.parseInt(p.get("object_name").asText().substring(4));
            RigidTransform est = pose(p);
            RigidTransform gt = FRAME.gt().stream().filter(g -> g.objId() == objId).findFirst().orElseThrow()
                    .modelToCamera();
            double threshold = 0.1 * ds.modelInfo(objId).diameter();
            double err = PoseErrors.addOrAdi(EvalModel.of(objId, ds.model(objId), ds.modelInfo(objId)), est, gt);
            assertThat(err).as("ADD(-S) of obj " + objId + " in mm").isLessThan(threshold);
            assertThat(p.get("score").asDouble()).isGreaterThan(0.5);
            assertThat(p.get("rejected")).isNotNull();
            assertThat(p.get("decision")).as("debug output says how the pose was chosen").isNotNull();
        }
    }

    @Test
    void aWrongPoseScoresLowerThanTheRightOne() {
        Map<String, Object> req = request();
        req.put("detections", List.of(YcbvFixture.labelDetection(FRAME, 8)));
        req.put("debug", true);
        JsonNode pose = estimate(req).get("poses").get(0);
        for (JsonNode r : pose.get("rejected")) {
            assertThat(r.get("score").asDouble()).isLessThanOrEqualTo(pose.get("score").asDouble());
        }
    }

    @Test
    void badDetectionsGet4xxNamingTheField() {
        Map<String, Object> det = new HashMap<>(YcbvFixture.labelDetection(FRAME, 8));
        det.put("segmentation", Map.of("counts", List.of(10, 5), "size", List.of(480, 640)));
        assertProblem(List.of(det), 400, "detections[0].segmentation");
        det.put("segmentation", Map.of("counts", List.of(0, 100), "size", List.of(10, 10)));
        assertProblem(List.of(det), 400, "detections[0].segmentation");
        Map<String, Object> unknown = new HashMap<>(YcbvFixture.labelDetection(FRAME, 8));
        unknown.put("object_name", "obj_000099");
        assertProblem(List.of(YcbvFixture.labelDetection(FRAME, 8), unknown), 404, "detections[1].object_name");
        Map<String, Object> badPose = new HashMap<>(YcbvFixture.labelDetection(FRAME, 8));
        badPose.put("coarse_pose", Map.of("R", List.of(List.of(1, 0)), "t", List.of(0, 0, 500)));
        assertProblem(List.of(badPose), 400, "detections[0].coarse_pose");
    }

    @Test
    void nullsInsideDetectionsAre400NamingTheElement() {
        List<Object> nullDetection = new java.util.ArrayList<>();
        nullDetection.add(null);
        assertProblem(nullDetection, 400, "detections[0]");
        Map<String, Object> det = new HashMap<>(YcbvFixture.labelDetection(FRAME, 8));
        det.put("segmentation", Map.of("counts", List.of(0, 307200), "size", java.util.Arrays.asList(null, 640)));
        assertProblem(List.of(det), 400, "detections[0].segmentation.size[0]");
        det.put("segmentation", Map.of("counts", java.util.Arrays.asList((Object) null), "size", List.of(480, 640)));
        assertProblem(List.of(det), 400, "detections[0].segmentation.counts[0]");
        det.put("segmentation", Map.of("counts", List.of(-5, 307205), "size", List.of(480, 640)));
        assertProblem(List.of(det), 400, "detections[0].segmentation.counts[0]");
        Map<String, Object> noMask = new HashMap<>(YcbvFixture.labelDetection(FRAME, 8));
        noMask.put("segmentation", Map.of("size", List.of(480, 640)));
        assertProblem(List.of(noMask), 400, "detections[0].segmentation.counts");
        Map<String, Object> badBox = new HashMap<>(YcbvFixture.labelDetection(FRAME, 8));
        badBox.put("bbox", java.util.Arrays.asList(1, null, 3, 4));
        assertProblem(List.of(badBox), 400, "detections[0].bbox[1]");
    }

    @Test
    void moreDetectionsThanTheLimitAre400() {
        Map<String, Object> det = YcbvFixture.labelDetection(FRAME, 8);
        assertProblem(List.of(det, det, det, det), 400, "detections");
    }

    @Test
    void anImageDeclaringTooManyPixelsIsRefusedBeforeDecoding() {
        Map<String, Object> req = request();
        req.put("detections", List.of());
        req.put("rgb_image", CraftedImages.base64(CraftedImages.pngDeclaring(60000, 60000)));
        ResponseEntity<JsonNode> r = http.postForEntity("/api/v1/pem/estimate", req, JsonNode.class);
        assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(400);
        assertThat(r.getBody().get("field").asText()).isEqualTo("rgb_image");
        assertThat(r.getBody().get("detail").asText()).contains("pixels");
    }

    @Test
    void noDetectionsNoPoses() {
        Map<String, Object> req = request();
        req.put("detections", List.of());
        assertThat(estimate(req).get("poses")).isEmpty();
    }

    private void assertProblem(List<?> detections, int status, String field) {
        Map<String, Object> req = request();
        req.put("detections", detections);
        ResponseEntity<JsonNode> r = http.postForEntity("/api/v1/pem/estimate", req, JsonNode.class);
        assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(status);
        assertThat(r.getBody().get("field").asText()).isEqualTo(field);
    }

    private JsonNode estimate(Map<String, Object> req) {
        ResponseEntity<JsonNode> r = http.postForEntity("/api/v1/pem/estimate", req, JsonNode.class);
        assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(200);
        return r.getBody();
    }

    private static Map<String, Object> request() {
        Map<String, Object> m = new HashMap<>(YcbvFixture.frameFields(FRAME));
        m.put("class_name", "ycbv");
        return m;
    }

    private static RigidTransform pose(JsonNode p) {
        double[] r = new double[9];
        for (int i = 0; i < 9; i++) {
            r[i] = p.get("R").get(i / 3).get(i % 3).asDouble();
        }
        return new RigidTransform(r, new double[] {p.get("t").get(0).asDouble(), p.get("t").get(1).asDouble(),
            p.get("t").get(2).asDouble()});
    }
}
