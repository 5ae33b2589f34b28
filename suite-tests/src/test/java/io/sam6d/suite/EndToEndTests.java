package io.sam6d.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam6d.support.fixtures.RealSenseFixtureServer;
import io.sam6d.vision.io.bop.BopFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The suite end to end: the four servers' jars as separate processes on random ports, talking real HTTP, with
 * real frames from {@code ../shared/data}. Run once per database (subclasses); the compute servers are shared.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ServerLogsOnFailure.class)
abstract class EndToEndTests {

    Suite suite;
    ServerProcess main;
    Api api;

    /** main-server's database settings. */
    abstract Map<String, String> databaseEnv();

    /** main-server's authentication settings: none (open API) unless a subclass turns bearer tokens on. */
    Map<String, String> authEnv() {
        return Map.of();
    }

    /** A bearer token for main-server when {@link #authEnv()} turns tokens on, else null. */
    String token() {
        return null;
    }

    abstract String name();

    @BeforeAll
    void startMainServer() {
        suite = Suite.get();
        Map<String, String> env = new HashMap<>(databaseEnv());
        env.putAll(authEnv());
        main = suite.mainServer("main-" + name(), env);
        ServerLogsOnFailure.watch(List.of(main, suite.render, suite.ism, suite.pem));
        main.start();
        main.awaitHealthy(Suite.START_TIMEOUT);
        api = new Api(main, token());
    }

    @AfterAll
    void stopMainServer() {
        if (main != null) {
            main.kill();
        }
        databaseCleanUp();
    }

    /** After main-server is gone: drop what the database variant created. */
    void databaseCleanUp() {
    }

    @Test
    void allFourServersAreHealthyAndMainServerSeesTheObjects() {
        for (ServerProcess s : List.of(main, suite.render, suite.ism, suite.pem)) {
            assertThat(new Api(s).getOk("/actuator/health").get("status").asText()).as(s.name()).isEqualTo("UP");
        }
        JsonNode classes = api.getOk("/api/v1/objects/classes");
        assertThat(classes.get("classes").findValuesAsText("name")).contains("test", Suite.YCBV_CLASS);
        JsonNode status = api.getOk("/api/v1/servers/status?fresh=true");
        assertThat(status.get("overall_status").asText()).as(status.toString()).isEqualTo("healthy");
        assertThat(status.get("healthy_servers").asInt()).isEqualTo(3);
        assertThat(status.get("servers").get("pem").get("url").asText()).isEqualTo(suite.pem.baseUrl());
        for (String service : List.of("ism", "pem", "render")) {
            JsonNode engine = status.get("servers").get(service).get("engine");
            // the weight-free engines and the rasteriser run on the CPU: no GPU memory, and none made up
            assertThat(engine.get("device").asText()).as(service).isEqualTo("cpu");
            assertThat(engine.get("gpu_memory_used_mb").isNull()).as(service).isTrue();
            assertThat(engine.get("gpu_memory_total_mb").isNull()).as(service).isTrue();
        }
        JsonNode ycbv = api.getOk("/api/v1/objects/classes/" + Suite.YCBV_CLASS);
        assertThat(ycbv.get("objects").findValuesAsText("name")).contains("obj_000002");
    }

    static final Duration JOB_TIMEOUT = Duration.ofSeconds(180);

    @Test
    void fullPipelineOnARealFrameFindsTheCrackerBoxWhereTheGroundTruthHasIt() throws Exception {
        Map<String, Object> req = ycbvRequest("obj_000002");
        req.put("output_mode", "full");
        req.put("output_dir", "e2e_" + name());
        JsonNode job = awaitEnd(submit("/api/v1/workflow/full-pipeline", req));
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("completed");
        assertThat(job.get("job_type").asText()).isEqualTo("full_pipeline");
        assertThat(job.get("progress").asInt()).isEqualTo(100);
        JsonNode output = job.get("output");
        assertThat(output.get("timings_ms").get("total").asLong()).isPositive();
        assertCrackerBoxPose(output);
        String dir = output.get("output_dir").asText();
        assertThat(dir).contains("e2e_" + name());
        // output_dir is relative to static/
        assertThat(Files.isDirectory(suite.staticDir.resolve(dir))).as(dir).isTrue();
        try (var files = Files.list(suite.staticDir.resolve(dir))) {
            assertThat(files.map(f -> f.getFileName().toString())).contains("rgb.png", "depth.png", "camera.json",
                    "ism_results.json", "pem_results.json", "overlay.png", "result.json", "mask_0_obj_000002.png");
        }
        JsonNode written = Api.JSON.readTree(suite.staticDir.resolve(dir).resolve("result.json").toFile());
        assertThat(written.at("/objects/0/poses")).isEqualTo(output.at("/objects/0/poses"));
    }

    /** The design documents' requests (Main_Server DESIGN, RSS API guide), as written there. */
    static final String DOCUMENTS_FULL_PIPELINE = """
            {
              "class_name": "test",
              "object_name": "obj_000005",
              "input_images": {
                "rgb_path": "static/test/rgb.png",
                "depth_path": "static/test/depth.png",
                "camera_path": "static/test/camera.json"
              },
              "output_dir": "static/output/run_12345"
            }""";
    static final String DOCUMENTS_RENDER_TEMPLATES = """
            {
              "class_name": "test",
              "object_names": ["obj_000005"],
              "force_regenerate": false
            }""";
    /** The guide's camera is at http://localhost:5000; here the fixture camera's port is put in its place. */
    static final String DOCUMENTS_RSS = """
            {
                    "class_name": "ycb",
                    "object_name": "obj_000002",
                    "base": "http://localhost:5000",
                    "align_color": true,
                    "frame_guess": true,
                    "output_mode": "results_only"
                  }""";

    @Test
    void theDesignDocumentsRenderAndFullPipelineRequestsWorkAsWrittenWithAndWithoutWait() throws Exception {
        // as written: 202 with the pending job, which completes
        Api.Answer render = api.postJson("/api/v1/workflow/render-templates", DOCUMENTS_RENDER_TEMPLATES);
        assertThat(render.status()).as(render.body().toString()).isEqualTo(202);
        assertThat(render.body().get("status").asText()).isEqualTo("pending");
        assertThat(render.body().get("job_type").asText()).isEqualTo("render_templates");
        JsonNode rendered = awaitEnd(render.body().get("job_id").asText());
        assertThat(rendered.get("status").asText()).as(rendered.toString()).isEqualTo("completed");
        assertThat(rendered.at("/output/objects/0/status").asText()).isIn("rendered", "skipped");
        // waiting: 200 with the ended job (complete templates now: skipped)
        Api.Answer renderWaited = api.postJson("/api/v1/workflow/render-templates?wait=3m",
                DOCUMENTS_RENDER_TEMPLATES);
        assertThat(renderWaited.status()).as(renderWaited.body().toString()).isEqualTo(200);
        assertThat(renderWaited.body().get("status").asText()).isEqualTo("completed");
        assertThat(renderWaited.body().at("/output/skipped").asInt()).isEqualTo(1);

        Api.Answer submitted = api.postJson("/api/v1/workflow/full-pipeline", DOCUMENTS_FULL_PIPELINE);
        assertThat(submitted.status()).as(submitted.body().toString()).isEqualTo(202);
        assertThat(submitted.body().get("status").asText()).isEqualTo("pending");
        JsonNode job = awaitEnd(submitted.body().get("job_id").asText());
        assertDemoCanFound(job);
        Api.Answer waited = api.postJson("/api/v1/workflow/full-pipeline?wait=3m", DOCUMENTS_FULL_PIPELINE);
        assertThat(waited.status()).as(waited.body().toString()).isEqualTo(200);
        assertDemoCanFound(waited.body());
        // the folder the documents name; a second run (and the other database's) gets one beside it
        assertThat(List.of(job.at("/output/output_dir").asText(), waited.body().at("/output/output_dir").asText()))
                .allMatch(d -> d.matches("output/run_12345(_\\d+)?")).doesNotHaveDuplicates();
    }

    private void assertDemoCanFound(JsonNode job) throws java.io.IOException {
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("completed");
        JsonNode can = job.at("/output/objects/0");
        assertThat(can.get("object_name").asText()).isEqualTo("obj_000005");
        assertThat(can.get("detections")).isNotEmpty();
        assertThat(can.get("poses")).isNotEmpty();
        JsonNode written = Api.JSON.readTree(suite.staticDir.resolve(job.at("/output/output_dir").asText())
                .resolve("result.json").toFile());
        assertThat(written.at("/objects/0/poses")).isEqualTo(can.get("poses"));
    }

    @Test
    void theRssGuidesRequestWorksAsWrittenWithAndWithoutWait() {
        try (RealSenseFixtureServer camera = RealSenseFixtureServer.ycbv(Suite.SCENE, Suite.IMAGE).start()) {
            String body = DOCUMENTS_RSS.replace("http://localhost:5000", camera.baseUrl());
            Api.Answer submitted = api.postJson("/api/v1/workflow/full-pipeline-from-rss", body);
            assertThat(submitted.status()).as(submitted.body().toString()).isEqualTo(202);
            assertThat(submitted.body().at("/input/rss_url").asText()).isEqualTo(camera.baseUrl());
            JsonNode job = awaitEnd(submitted.body().get("job_id").asText());
            assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("completed");
            assertCrackerBoxPose(job.get("output"));

            Api.Answer waited = api.postJson("/api/v1/workflow/full-pipeline-from-rss?wait=3m", body);
            assertThat(waited.status()).as(waited.body().toString()).isEqualTo(200);
            assertThat(waited.body().get("status").asText()).isEqualTo("completed");
            assertCrackerBoxPose(waited.body().get("output"));
            assertThat(waited.body().at("/output/output_dir").asText()).startsWith("output/");
            assertThat(camera.hits("/streams/depth_raw")).isEqualTo(2);
        }
    }

    @Test
    void rssPipelineTakesAFrameFromTheCameraServerAndAlignsItsDepth() {
        try (RealSenseFixtureServer camera = RealSenseFixtureServer.ycbv(Suite.SCENE, Suite.IMAGE)
                .separateDepthCamera().withoutJpeg().start()) {
            Map<String, Object> req = new HashMap<>();
            req.put("rss_url", camera.baseUrl());
            req.put("class_name", Suite.YCBV_CLASS);
            req.put("object_name", "obj_000002");
            req.put("align_color", true);
            req.put("output_mode", "none");
            JsonNode job = awaitEnd(submit("/api/v1/workflow/full-pipeline-from-rss", req));
            assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("completed");
            assertThat(job.get("job_type").asText()).isEqualTo("full_pipeline_rss");
            JsonNode output = job.get("output");
            assertThat(output.get("output_dir").isNull()).isTrue();
            assertThat(output.get("capture").get("aligned").asText()).isEqualTo("by_main_server");
            assertThat(output.get("capture").get("color_source").asText()).isEqualTo("color_raw");
            assertCrackerBoxPose(output);
            assertThat(camera.hits("/streams/depth_raw")).isEqualTo(1);

            // several frames run as a batch
            req.put("frames", 2);
            JsonNode batch = awaitEnd(submit("/api/v1/workflow/full-pipeline-from-rss", req));
            assertThat(batch.get("status").asText()).as(batch.toString()).isEqualTo("completed");
            assertThat(batch.get("output").get("total").asInt()).isEqualTo(2);
            assertThat(batch.get("output").get("succeeded").asInt()).isEqualTo(2);
            assertThat(camera.hits("/streams/depth_raw")).isEqualTo(3);
        }
    }

    @Test
    void rssPipelineFailsWithTheReasonWhenTheCameraIsNotStreaming() {
        try (RealSenseFixtureServer camera = RealSenseFixtureServer.ycbv(Suite.SCENE, Suite.IMAGE).notStreaming()
                .start()) {
            Map<String, Object> req = Map.of("rss_url", camera.baseUrl(), "class_name", Suite.YCBV_CLASS,
                    "object_name", "obj_000002", "output_mode", "none");
            JsonNode job = awaitEnd(submit("/api/v1/workflow/full-pipeline-from-rss", req));
            assertThat(job.get("status").asText()).isEqualTo("failed");
            assertThat(job.get("error").asText()).contains("not streaming");
        }
    }

    @Test
    void batchWithOneBadItemCompletesTheOthersAndSaysWhichFailed() throws Exception {
        Map<String, Object> good = ycbvRequest("obj_000002");
        Map<String, Object> bad = ycbvRequest("obj_000002");
        bad.put("input_images", Map.of("rgb_path", Suite.YCBV_FRAME_DIR + "/no_such.png",
                "depth_path", Suite.YCBV_FRAME_DIR + "/depth.png", "camera_path", Suite.YCBV_FRAME_DIR + "/camera.json"));
        Map<String, Object> lmo = new HashMap<>();
        lmo.put("class_name", "test");
        lmo.put("object_name", "obj_000005");
        lmo.put("input_images", Map.of("rgb_path", Suite.LMO_FRAME_DIR + "/rgb.png",
                "depth_path", Suite.LMO_FRAME_DIR + "/depth.png", "camera_path", Suite.LMO_FRAME_DIR + "/camera.json"));
        Map<String, Object> req = Map.of("items", List.of(good, bad, lmo), "output_mode", "results_only",
                "output_dir", "batch_" + name());
        JsonNode job = awaitEnd(submit("/api/v1/workflow/batch", req));
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("completed");
        JsonNode summary = job.get("output");
        assertThat(summary.get("total").asInt()).isEqualTo(3);
        assertThat(summary.get("succeeded").asInt()).isEqualTo(2);
        assertThat(summary.get("failed").asInt()).isEqualTo(1);
        JsonNode items = summary.get("items");
        assertThat(items.get(0).get("status").asText()).isEqualTo("completed");
        assertThat(items.get(0).get("poses_found").asInt()).isPositive();
        assertThat(items.get(1).get("status").asText()).isEqualTo("failed");
        assertThat(items.get(1).get("error").asText()).contains("rgb_path");
        assertThat(items.get(2).get("status").asText()).isEqualTo("completed");
        assertThat(items.get(2).get("poses_found").asInt()).isPositive();
        List<String> dirs = new ArrayList<>();
        items.forEach(i -> dirs.add(i.path("output_dir").asText(null)));
        String batchDir = dirs.get(0).substring(0, dirs.get(0).lastIndexOf('/'));
        JsonNode written = Api.JSON.readTree(suite.staticDir.resolve(batchDir).resolve("batch_summary.json").toFile());
        assertThat(written.get("failed").asInt()).isEqualTo(1);
        assertThat(written.get("items")).hasSize(3);
    }

    @Test
    void aComputeServerKilledMidJobFailsTheJobCleanlyWithTheReason() {
        Map<String, Object> req = ycbvRequest("obj_000002");
        req.put("output_mode", "none");
        ServerProcess pem = suite.pem;
        try {
            // frozen first, so the job is surely inside its PEM call when PEM dies
            pem.freeze();
            String jobId = submit("/api/v1/workflow/full-pipeline", req);
            awaitJob(jobId, j -> "pem".equals(j.path("stage").asText()), JOB_TIMEOUT);
            pem.kill(); // the open call is reset; the retries find nobody; the job gives up with the reason
            JsonNode job = awaitEnd(jobId);
            assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("failed");
            assertThat(job.get("error").asText()).contains("pem-server").contains("did not answer")
                    .contains("gave up after 3 attempts");
            assertThat(job.get("stage").asText()).isEqualTo("pem");
            JsonNode status = api.getOk("/api/v1/servers/status?fresh=true");
            assertThat(status.get("overall_status").asText()).as(status.toString()).isEqualTo("degraded");
            assertThat(status.get("servers").get("pem").get("status").asText()).isEqualTo("unreachable");
            assertThat(status.get("servers").get("pem").get("error_rate").asDouble()).isPositive();
        } finally {
            pem.restart(Suite.START_TIMEOUT);
        }
        // and the suite works again once PEM is back
        JsonNode again = awaitEnd(submit("/api/v1/workflow/full-pipeline", req));
        assertThat(again.get("status").asText()).as(again.toString()).isEqualTo("completed");
    }

    @Test
    void aJobInFlightWhenMainServerIsKilledCompletesAfterTheRestart() {
        // a batch re-rendering the templates for every item runs several seconds: long enough to be killed in
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Map<String, Object> item = ycbvRequest("obj_000002");
            item.put("force_regenerate", true);
            items.add(item);
        }
        String jobId = submit("/api/v1/workflow/batch", Map.of("items", items, "output_mode", "none"));
        awaitJob(jobId, j -> j.get("progress").asInt() > 0, JOB_TIMEOUT);
        // H2 writes committed transactions to its file up to 500 ms late (WRITE_DELAY): let the claim reach disk
        ServerProcess.sleep(700);
        assertThat(api.getOk("/api/v1/workflow/jobs/" + jobId).get("status").asText()).as("still in flight")
                .isEqualTo("running");
        main.kill();
        main.start();
        main.awaitHealthy(Suite.START_TIMEOUT);
        JsonNode job = awaitEnd(jobId);
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("completed");
        assertThat(job.get("attempts").asInt()).as("taken again after the restart").isEqualTo(2);
        assertThat(job.get("output").get("succeeded").asInt()).isEqualTo(4);
    }

    /** The best pose of the cracker box within 5 cm of YCB-Video's ground truth. */
    static void assertCrackerBoxPose(JsonNode output) {
        JsonNode object = output.get("objects").get(0);
        assertThat(object.get("object_name").asText()).isEqualTo("obj_000002");
        JsonNode poses = object.get("poses");
        assertThat(poses).as(output.toString()).isNotEmpty();
        JsonNode best = poses.get(0);
        for (JsonNode p : poses) {
            if (p.get("score").asDouble() > best.get("score").asDouble()) {
                best = p;
            }
        }
        BopFrame frame = Suite.ycbvFrame();
        double[] gt = frame.gt().stream().filter(g -> g.objId() == 2).findFirst().orElseThrow().modelToCamera()
                .translation();
        double dx = best.get("t").get(0).asDouble() - gt[0];
        double dy = best.get("t").get(1).asDouble() - gt[1];
        double dz = best.get("t").get(2).asDouble() - gt[2];
        assertThat(Math.sqrt(dx * dx + dy * dy + dz * dz)).as("translation error, mm: " + best).isLessThan(50.0);
    }

    Map<String, Object> ycbvRequest(String object) {
        Map<String, Object> req = new HashMap<>();
        req.put("class_name", Suite.YCBV_CLASS);
        req.put("object_name", object);
        req.put("input_images", Map.of("rgb_path", "static/" + Suite.YCBV_FRAME_DIR + "/rgb.png",
                "depth_path", "static/" + Suite.YCBV_FRAME_DIR + "/depth.png",
                "camera_path", "static/" + Suite.YCBV_FRAME_DIR + "/camera.json"));
        return req;
    }

    String submit(String path, Object body) {
        Api.Answer a = api.post(path, body);
        assertThat(a.status()).as(path + " " + a.body()).isEqualTo(202);
        assertThat(a.body().get("status").asText()).isEqualTo("pending");
        return a.body().get("job_id").asText();
    }

    JsonNode awaitEnd(String jobId) {
        return awaitJob(jobId, j -> List.of("completed", "failed", "cancelled").contains(j.get("status").asText()),
                JOB_TIMEOUT);
    }

    JsonNode awaitJob(String jobId, Predicate<JsonNode> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode job = null;
        while (System.nanoTime() < deadline) {
            job = api.getOk("/api/v1/workflow/jobs/" + jobId);
            if (done.test(job)) {
                return job;
            }
            ServerProcess.sleep(200);
        }
        throw new AssertionError("job " + jobId + " not there within " + timeout + ": " + job);
    }
}
