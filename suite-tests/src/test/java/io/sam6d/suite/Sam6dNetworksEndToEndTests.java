package io.sam6d.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam6d.support.fixtures.YcbvFixture;
import io.sam6d.vision.djl.Sam6dExport;
import io.sam6d.vision.image.Mask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SAM-6D's own networks through the servers: tools/export-sam6d writes the small random-weight networks of SAM-6D's
 * architectures ({@code sam6d-ism/2}, {@code sam6d-pem/2}); an ism-server and a pem-server are started on them
 * (processes, DJL engines on the CPU) beside the suite's render-server, which renders the cracker box's templates;
 * then a segment and an estimate request on the real YCB-Video frame. Random weights: the answers' shapes are
 * checked, not their accuracy.
 */
@ExtendWith(ServerLogsOnFailure.class)
class Sam6dNetworksEndToEndTests {

    /** A class of its own, so the templates rendered here never meet the other end-to-end tests. */
    static final String CLASS = "sam6d_ycbv";

    static Suite suite;
    static ServerProcess ism;
    static ServerProcess pem;

    @BeforeAll
    static void start() {
        Path networks = Sam6dExport.smallNetworks();
        suite = Suite.get();
        copyMeshes();
        renderCrackerBox();
        // libtorch is unpacked once per machine, where the vision-djl tests unpacked it
        String djlCache = Path.of(System.getProperty("user.home"), ".djl.ai").toString();
        List<String> jvm = List.of("-Xmx1g", "-XX:+UseSerialGC", "-Djava.awt.headless=true");
        Map<String, String> ismEnv = suite.commonEnv();
        ismEnv.put("ISM_MODEL_PATH", networks.resolve("sam6d_ism.pt").toString());
        ismEnv.put("DJL_CACHE_DIR", djlCache);
        // random weights predict IoU and stability at random: let SAM's masks through so every stage runs
        ismEnv.put("ISM_POINTS_PER_SIDE", "8");
        ismEnv.put("ISM_PRED_IOU_THRESH", "0");
        ismEnv.put("ISM_STABILITY_SCORE_THRESH", "0");
        ismEnv.put("ISM_SEMANTIC_THRESH", "0");
        ism = new ServerProcess("ism-sam6d", "ism-server", "ISM_SERVER_PORT", jvm, ismEnv, suite.home);
        Map<String, String> pemEnv = suite.commonEnv();
        pemEnv.put("PEM_MODEL_PATH", networks.resolve("sam6d_pem.pt").toString());
        pemEnv.put("DJL_CACHE_DIR", djlCache);
        pem = new ServerProcess("pem-sam6d", "pem-server", "PEM_SERVER_PORT", jvm, pemEnv, suite.home);
        ServerLogsOnFailure.watch(List.of(suite.render, ism, pem));
        ism.start();
        pem.start();
        ism.awaitHealthy(Suite.START_TIMEOUT);
        pem.awaitHealthy(Suite.START_TIMEOUT);
    }

    /** The cracker box, and the same mesh as 'bare', which gets no templates. */
    static void copyMeshes() {
        try {
            Path from = suite.staticDir.resolve("meshes").resolve(Suite.YCBV_CLASS);
            Path to = Files.createDirectories(suite.staticDir.resolve("meshes").resolve(CLASS));
            Files.copy(from.resolve("obj_000002.ply"), to.resolve("obj_000002.ply"));
            Files.copy(from.resolve("obj_000002.ply"), to.resolve("bare.ply"));
            Files.copy(from.resolve("models_info.json"), to.resolve("models_info.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 12 templates of 128 px by the suite's render-server (SAM-6D uses 42; a few suffice to test the shapes). */
    static void renderCrackerBox() {
        Api render = Api.internal(suite.render);
        Api.Answer job = render.post("/api/v1/render/templates", Map.of("class_name", CLASS,
                "object_name", "obj_000002",
                "options", Map.of("views", 12, "image_size", 128)));
        assertThat(job.status()).as(job.body().toString()).isEqualTo(202);
        String id = job.body().get("job_id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = render.getOk("/api/v1/render/jobs/" + id);
            if (status.get("status").asText().equals("completed")) {
                return;
            }
            assertThat(status.get("status").asText()).as(status.toString()).isNotEqualTo("failed");
            ServerProcess.sleep(200);
        }
        throw new AssertionError("rendering the cracker box's templates did not finish in 120 s");
    }

    @AfterAll
    static void stop() {
        if (ism != null) {
            ism.kill();
        }
        if (pem != null) {
            pem.kill();
        }
    }

    @Test
    void healthSaysWhichContractAndThatTheWeightsAreRandom() {
        JsonNode ismEngine = new Api(ism).getOk("/actuator/health").at("/components/engine/details");
        assertThat(ismEngine.get("engine").asText()).isEqualTo("djl");
        assertThat(ismEngine.get("contract").asText()).isEqualTo("sam6d-ism/2");
        assertThat(ismEngine.get("weights").asText()).isEqualTo("random");
        JsonNode pemEngine = new Api(pem).getOk("/actuator/health").at("/components/engine/details");
        assertThat(pemEngine.get("contract").asText()).isEqualTo("sam6d-pem/2");
    }

    /** The YCB-Video frame and this test's class. */
    static Map<String, Object> frameRequest() {
        Map<String, Object> request = YcbvFixture.frameFields(Suite.ycbvFrame());
        request.put("class_name", CLASS);
        return request;
    }

    @Test
    void segmentsTheRealFrameWithSamAndDinoV2() {
        Map<String, Object> request = frameRequest();
        request.put("object_name", "obj_000002");
        request.put("score_threshold", 0.0);

        Api.Answer a = Api.internal(ism).post("/api/v1/ism/segment", request);

        assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
        assertThat(a.body().get("engine").asText()).isEqualTo("djl");
        for (JsonNode d : a.body().get("detections")) {
            assertThat(d.get("object_name").asText()).isEqualTo("obj_000002");
            assertThat(d.get("score").asDouble()).isBetween(0.0, 1.0);
            List<Integer> counts = new ArrayList<>();
            d.get("segmentation").get("counts").forEach(c -> counts.add(c.asInt()));
            assertThat(d.get("segmentation").get("size")).extracting(JsonNode::asInt).containsExactly(480, 640);
            Mask mask = Mask.fromCocoRle(counts, 480, 640);
            int[] box = mask.bbox();
            assertThat(d.get("bbox")).extracting(JsonNode::asInt).containsExactly(box[0], box[1], box[2], box[3]);
            assertThat(d.get("template_views").get(0).get("view_id").asInt()).isBetween(0, 11);
        }
    }

    @Test
    void estimatesThePoseOfTheGroundTruthMaskWithSamSixDsPem() {
        Map<String, Object> request = frameRequest();
        request.put("detections", List.of(YcbvFixture.labelDetection(Suite.ycbvFrame(), 2)));

        Api.Answer a = Api.internal(pem).post("/api/v1/pem/estimate", request);

        assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
        assertThat(a.body().get("engine").asText()).isEqualTo("djl");
        JsonNode poses = a.body().get("poses");
        assertThat(poses).hasSize(1);
        JsonNode p = poses.get(0);
        assertThat(p.get("detection_index").asInt()).isZero();
        assertThat(p.get("R")).hasSize(3);
        p.get("R").forEach(row -> assertThat(row).hasSize(3));
        assertThat(p.get("t")).hasSize(3);
        assertThat(p.get("t").get(2).asDouble()).as("t in mm, in front of the camera").isBetween(200.0, 3000.0);
        assertThat(p.get("score").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void anObjectWithoutTemplatesIsUnprocessable() {
        Map<String, Object> request = frameRequest();
        request.put("object_name", "bare");

        Api.Answer a = Api.internal(ism).post("/api/v1/ism/segment", request);

        assertThat(a.status()).as(a.body().toString()).isEqualTo(422);
        assertThat(a.body().get("field").asText()).isEqualTo("object_name");
    }
}
