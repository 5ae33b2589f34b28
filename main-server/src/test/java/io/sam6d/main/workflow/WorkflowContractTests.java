package io.sam6d.main.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.sam6d.main.StubHttpServer;
import io.sam6d.main.jobs.JobWaits;
import io.sam6d.main.objects.ObjectCatalog;
import io.sam6d.main.rss.CameraFrameSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Workflows and jobs over real HTTP, run once per database (H2 and PostgreSQL subclasses), with ISM, PEM and render
 * replaced by real HTTP stub servers ({@link ComputeStubs}). Every test ends its own jobs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(WorkflowContractTests.Camera.class)
abstract class WorkflowContractTests {

    /** The RSS workflow's frames come from a fake camera on both databases. */
    @TestConfiguration
    static class Camera {
        @Bean
        @Primary
        CameraFrameSource fakeCamera(@Value("${sam6d.static-dir}") String staticDir) {
            return new FakeCamera(Path.of(staticDir));
        }
    }

    static final String CLS = "wf";
    /** Submits that may wait at once in these tests: three times the request threads. */
    static final int WAITERS = 12;
    private static final AtomicInteger FRESH = new AtomicInteger();

    @Autowired
    TestRestTemplate http;

    @Autowired
    ObjectCatalog catalog;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ObjectMapper json;

    @Autowired
    ObjectProvider<CameraFrameSource> cameras;

    @Autowired
    JobWaits waits;

    @LocalServerPort
    int port;

    abstract Path staticDir();

    abstract ComputeStubs stubs();

    static Map<String, Object> commonProperties(Path staticDir, ComputeStubs stubs) {
        Map<String, Object> p = new HashMap<>();
        p.put("sam6d.static-dir", staticDir.toString());
        p.put("sam6d.objects.watch-interval-ms", "3600000");
        p.put("sam6d.servers.ism.urls", stubs.ism.url());
        // the first PEM replica is down: every PEM call goes on to the second
        p.put("sam6d.servers.pem.urls", "http://127.0.0.1:" + StubHttpServer.deadPort() + "," + stubs.pem.url());
        p.put("sam6d.servers.render.urls", stubs.render.url());
        p.put("sam6d.servers.retries", "2");
        p.put("sam6d.servers.retry-backoff", "10ms");
        p.put("sam6d.internal-token", ComputeStubs.TOKEN);
        p.put("sam6d.jobs.workers", "2");
        p.put("sam6d.jobs.poll-interval", "50ms");
        p.put("sam6d.jobs.lease", "3s");
        p.put("sam6d.jobs.max-attempts", "3");
        p.put("sam6d.workflow.render-poll-interval", "20ms");
        // few request threads: submits that wait must not hold them
        p.put("server.tomcat.threads.max", "4");
        p.put("server.tomcat.threads.min-spare", "1");
        p.put("sam6d.jobs.wait.max", "20s");
        p.put("sam6d.jobs.wait.max-waiting", String.valueOf(WAITERS));
        p.put("sam6d.jobs.wait.check-interval", "50ms");
        return p;
    }

    @BeforeEach
    void objects() {
        for (String o : List.of("can", "block_run", "block_other", "pending_obj", "bad_input", "down_ism",
                "none_found")) {
            WorkflowStatic.addObject(staticDir(), CLS, o, true);
        }
        catalog.rescan();
        stubs().gate = new CountDownLatch(0);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static Map<String, Object> paths() {
        return Map.of("rgb_path", "input/rgb.png", "depth_path", "static/input/depth.png",
                "camera_path", "input/camera.json");
    }

    private static Map<String, Object> pipeline(String object, String mode) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("class_name", CLS);
        body.put("object_name", object);
        body.put("input_images", paths());
        body.put("output_mode", mode);
        return body;
    }

    private JsonNode submit(String path, Object body) {
        ResponseEntity<JsonNode> r = http.postForEntity("/api/v1/workflow/" + path, body, JsonNode.class);
        assertThat(r.getStatusCode()).as(String.valueOf(r.getBody())).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(r.getHeaders().getLocation()).hasToString("/api/v1/workflow/jobs/" + r.getBody().get("job_id")
                .asText());
        return r.getBody();
    }

    private JsonNode job(String id) {
        ResponseEntity<JsonNode> r = http.getForEntity("/api/v1/workflow/jobs/" + id, JsonNode.class);
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        return r.getBody();
    }

    /** Waits until the job has ended (completed, failed or cancelled). */
    private JsonNode awaitEnd(String id) {
        return awaitJob(id, j -> List.of("completed", "failed", "cancelled").contains(j.get("status").asText()));
    }

    private JsonNode awaitJob(String id, java.util.function.Predicate<JsonNode> condition) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            JsonNode j = job(id);
            if (condition.test(j)) {
                return j;
            }
            assertThat(System.currentTimeMillis()).as("job %s still %s", id, j).isLessThan(deadline);
            sleep(30);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path outputPath(JsonNode output) {
        return staticDir().resolve(output.get("output_dir").asText());
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private long outputFolders() throws IOException {
        Path out = staticDir().resolve("output");
        if (!Files.isDirectory(out)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(out)) {
            return s.count();
        }
    }

    private void assertProblem(ResponseEntity<JsonNode> r, HttpStatus status, String field) {
        assertThat(r.getStatusCode()).as(String.valueOf(r.getBody())).isEqualTo(status);
        assertThat(r.getBody().get("field").asText()).as(String.valueOf(r.getBody())).isEqualTo(field);
    }

    private ResponseEntity<JsonNode> post(String path, Object body) {
        return http.postForEntity("/api/v1/workflow/" + path, body, JsonNode.class);
    }

    // ---- the pipeline ---------------------------------------------------------------------------------------------

    @Test
    void fullPipelineRendersMissingTemplatesThenFindsPosesAndWritesEveryFile() throws IOException {
        String fresh = "fresh_" + FRESH.incrementAndGet();
        WorkflowStatic.addObject(staticDir(), CLS, fresh, false);
        catalog.rescan();
        Map<String, Object> body = pipeline(fresh, "full");
        body.put("output_dir", "demo");
        JsonNode submitted = submit("full-pipeline", body);
        assertThat(submitted.get("status").asText()).isEqualTo("pending");
        assertThat(submitted.get("job_type").asText()).isEqualTo("full_pipeline");
        assertThat(submitted.get("input").get("object_name").asText()).isEqualTo(fresh);

        JsonNode done = awaitEnd(submitted.get("job_id").asText());
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
        assertThat(done.get("progress").asInt()).isEqualTo(100);
        assertThat(done.get("stage").asText()).isEqualTo("output");
        assertThat(done.get("attempts").asInt()).isEqualTo(1);
        assertThat(done.get("max_attempts").asInt()).isEqualTo(3);
        assertThat(done.get("error").isNull()).isTrue();
        for (String t : List.of("created_at", "started_at", "finished_at", "updated_at")) {
            assertThat(done.get(t).asText()).endsWith("Z");
        }
        JsonNode out = done.get("output");
        assertThat(out.get("output_dir").asText()).matches("output/\\d{8}_\\d{6}_demo(_\\d+)?");
        JsonNode obj = out.get("objects").get(0);
        assertThat(obj.get("object_name").asText()).isEqualTo(fresh);
        assertThat(obj.get("templates_rendered").asBoolean()).isTrue();
        assertThat(obj.get("detections")).hasSize(1);
        assertThat(obj.get("detections").get(0).get("bbox").toString()).isEqualTo("[200,150,100,150]");
        JsonNode pose = obj.get("poses").get(0);
        assertThat(pose.get("R")).hasSize(3);
        assertThat(pose.get("t").get(2).asDouble()).isEqualTo(900.0);
        assertThat(pose.get("score").asDouble()).isEqualTo(0.87);
        assertThat(out.get("timings_ms").fieldNames()).toIterable().containsExactly("render", "ism", "pem", "total");

        Path dir = outputPath(out);
        assertThat(files(dir)).containsExactly("camera.json", "depth.png", "ism_results.json", "mask_0_" + fresh
                + ".png", "overlay.png", "pem_results.json", "result.json", "rgb.png");
        assertThat(json.readTree(dir.resolve("camera.json").toFile()).get("cam_K")).hasSize(9);
        assertThat(json.readTree(dir.resolve("result.json").toFile()).get("objects").get(0).get("poses")).hasSize(1);
        assertThat(Files.readAllBytes(dir.resolve("depth.png")))
                .isEqualTo(Files.readAllBytes(staticDir().resolve("input/depth.png")));

        // the compute servers got the shared token and the frame
        assertThat(stubs().ism.calls()).filteredOn(c -> c.path().startsWith("/api/"))
                .allMatch(c -> ComputeStubs.TOKEN.equals(c.header("X-Internal-Token")));
        assertThat(ComputeStubs.callsFor(stubs().render, fresh)).isEqualTo(1);
        // the object database shows the new templates at once (rescanned, caches evicted)
        JsonNode detail = http.getForObject("/api/v1/objects/" + CLS + "/" + fresh, JsonNode.class);
        assertThat(detail.get("template_info").get("has_template").asBoolean()).isTrue();

        // a second run finds the templates: nothing is rendered
        JsonNode again = awaitEnd(submit("full-pipeline", pipeline(fresh, "none")).get("job_id").asText());
        assertThat(again.get("status").asText()).isEqualTo("completed");
        assertThat(again.get("output").get("objects").get(0).get("templates_rendered").asBoolean()).isFalse();
        assertThat(ComputeStubs.callsFor(stubs().render, fresh)).isEqualTo(1);
    }

    @Test
    void resultsOnlyWritesTheResultAndNoneWritesNothing() throws IOException {
        JsonNode resultsOnly = awaitEnd(submit("full-pipeline", pipeline("can", "results_only")).get("job_id")
                .asText());
        assertThat(resultsOnly.get("status").asText()).isEqualTo("completed");
        assertThat(files(outputPath(resultsOnly.get("output")))).containsExactly("result.json");

        Map<String, Object> defaults = pipeline("can", null);
        defaults.remove("output_mode");
        JsonNode byDefault = awaitEnd(submit("full-pipeline", defaults).get("job_id").asText());
        assertThat(files(outputPath(byDefault.get("output")))).containsExactly("result.json");

        long before = outputFolders();
        JsonNode none = awaitEnd(submit("full-pipeline", pipeline("can", "none")).get("job_id").asText());
        assertThat(none.get("status").asText()).isEqualTo("completed");
        assertThat(none.get("output").get("output_dir").isNull()).isTrue();
        assertThat(none.get("output").get("objects").get(0).get("poses")).hasSize(1);
        assertThat(outputFolders()).isEqualTo(before);
    }

    @Test
    void imagesInTheBodyReachTheComputeServersAndAreStoredAsFilesNotInTheJobRow() throws IOException {
        String rgb = Base64.getEncoder().encodeToString(Files.readAllBytes(staticDir().resolve("input/rgb.png")));
        String depth = Base64.getEncoder().encodeToString(Files.readAllBytes(staticDir().resolve("input/depth.png")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("class_name", CLS);
        body.put("object_names", List.of("can", "none_found"));
        body.put("images", Map.of("rgb_image", rgb, "depth_image", depth, "cam_K",
                List.of(572.4114, 0.0, 325.2611, 0.0, 573.57043, 242.04899, 0.0, 0.0, 1.0), "depth_scale", 1.0));
        body.put("output_mode", "none");
        body.put("score_threshold", 0.3);
        body.put("max_detections", 2);
        JsonNode submitted = submit("full-pipeline", body);
        String id = submitted.get("job_id").asText();
        assertThat(submitted.get("input").has("images")).isFalse();
        assertThat(submitted.get("input").get("input_images").get("rgb_path").asText())
                .isEqualTo("jobs/" + id + "/rgb.png");
        assertThat(Files.readAllBytes(staticDir().resolve("jobs").resolve(id).resolve("rgb.png")))
                .isEqualTo(Base64.getDecoder().decode(rgb));
        String row = jdbc.queryForObject("SELECT input FROM workflow_jobs WHERE job_id = ?", String.class, id);
        assertThat(row).doesNotContain(rgb.substring(0, 200)).hasSizeLessThan(2000);

        JsonNode done = awaitEnd(id);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
        JsonNode objects = done.get("output").get("objects");
        assertThat(objects.get(0).get("poses")).hasSize(1);
        assertThat(objects.get(1).get("object_name").asText()).isEqualTo("none_found");
        assertThat(objects.get(1).get("detections")).isEmpty();
        JsonNode sent = stubs().ism.calls().stream()
                .filter(c -> c.body() != null && c.body().toString().contains("none_found"))
                .findFirst().orElseThrow().body();
        assertThat(sent.get("rgb_image").asText()).isEqualTo(rgb);
        assertThat(sent.get("score_threshold").asDouble()).isEqualTo(0.3);
        assertThat(sent.get("max_detections").asInt()).isEqualTo(2);
    }

    // ---- failures of the compute servers ------------------------------------------------------------------------

    @Test
    void aClientErrorOfIsmFailsTheJobWithItsReasonAndIsNotRetried() {
        JsonNode done = awaitEnd(submit("full-pipeline", pipeline("bad_input", "none")).get("job_id").asText());
        assertThat(done.get("status").asText()).isEqualTo("failed");
        assertThat(done.get("stage").asText()).isEqualTo("ism");
        assertThat(done.get("error").asText()).contains("400").contains("rgb_image")
                .contains("rgb_image is not a PNG or JPEG image");
        assertThat(ComputeStubs.callsFor(stubs().ism, "bad_input")).isEqualTo(1);
    }

    @Test
    void serverErrorsOfIsmAreRetriedThenFailTheJobWithTheReason() {
        JsonNode done = awaitEnd(submit("full-pipeline", pipeline("down_ism", "none")).get("job_id").asText());
        assertThat(done.get("status").asText()).isEqualTo("failed");
        assertThat(done.get("error").asText()).contains("503").contains("model still loading")
                .contains("gave up after 3 attempts");
        assertThat(ComputeStubs.callsFor(stubs().ism, "down_ism")).isEqualTo(3);
    }

    // ---- durability -------------------------------------------------------------------------------------------

    private String insertAbandoned(int attempts, int maxAttempts) throws IOException {
        String id = UUID.randomUUID().toString();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.update("INSERT INTO workflow_jobs (job_id, job_type, status, progress, stage, input, attempts,"
                + " max_attempts, cancel_requested, lease_owner, lease_until, created_at, started_at, updated_at)"
                + " VALUES (?, 'full_pipeline', 'running', 40, 'ism', ?, ?, ?, FALSE, 'dead-instance', ?, ?, ?, ?)",
                id, json.writeValueAsString(pipeline("can", "none")), attempts, maxAttempts, now.minusSeconds(5),
                now.minusMinutes(1), now.minusMinutes(1), now.minusSeconds(20));
        return id;
    }

    @Test
    void aJobLeftRunningByADeadInstanceIsTakenAgainAfterItsLeaseAndCompleted() throws IOException {
        String id = insertAbandoned(1, 3);
        JsonNode done = awaitEnd(id);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
        assertThat(done.get("attempts").asInt()).isEqualTo(2);
        assertThat(done.get("output").get("objects").get(0).get("poses")).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT lease_owner FROM workflow_jobs WHERE job_id = ?", String.class, id))
                .isNull();
    }

    @Test
    void aJobWhoseServersDiedOnEveryAttemptIsFailedWithAClearReason() throws IOException {
        String id = insertAbandoned(3, 3);
        JsonNode done = awaitEnd(id);
        assertThat(done.get("status").asText()).isEqualTo("failed");
        assertThat(done.get("error").asText()).contains("lease expired").contains("all 3 attempts");
        assertThat(done.get("attempts").asInt()).isEqualTo(3);
    }

    // ---- cancel -----------------------------------------------------------------------------------------------

    @Test
    void aRunningJobStopsAfterItsCurrentStageWhenCancelled() {
        stubs().gate = new CountDownLatch(1);
        long pemCallsBefore = ComputeStubs.callsFor(stubs().pem, "block_run");
        String id = submit("full-pipeline", pipeline("block_run", "none")).get("job_id").asText();
        awaitJob(id, j -> j.get("status").asText().equals("running") && "ism".equals(j.get("stage").asText()));

        ResponseEntity<JsonNode> cancel = post("jobs/" + id + "/cancel", null);
        assertThat(cancel.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(cancel.getBody().get("status").asText()).isEqualTo("running");
        stubs().gate.countDown();

        JsonNode done = awaitEnd(id);
        assertThat(done.get("status").asText()).isEqualTo("cancelled");
        assertThat(done.get("finished_at").isNull()).isFalse();
        assertThat(ComputeStubs.callsFor(stubs().pem, "block_run")).isEqualTo(pemCallsBefore);
        assertProblem(post("jobs/" + id + "/cancel", null), HttpStatus.CONFLICT, "job_id");
    }

    @Test
    void aPendingJobIsCancelledAtOnceAndNeverRuns() {
        stubs().gate = new CountDownLatch(1);
        // both workers busy
        String first = submit("full-pipeline", pipeline("block_run", "none")).get("job_id").asText();
        String second = submit("full-pipeline", pipeline("block_other", "none")).get("job_id").asText();
        awaitJob(first, j -> j.get("status").asText().equals("running"));
        awaitJob(second, j -> j.get("status").asText().equals("running"));
        String waiting = submit("full-pipeline", pipeline("pending_obj", "none")).get("job_id").asText();
        assertThat(job(waiting).get("status").asText()).isEqualTo("pending");

        ResponseEntity<JsonNode> cancel = post("jobs/" + waiting + "/cancel", null);
        assertThat(cancel.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(cancel.getBody().get("status").asText()).isEqualTo("cancelled");
        stubs().gate.countDown();

        assertThat(awaitEnd(first).get("status").asText()).isEqualTo("completed");
        assertThat(awaitEnd(second).get("status").asText()).isEqualTo("completed");
        JsonNode cancelled = job(waiting);
        assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.get("attempts").asInt()).isZero();
        assertThat(ComputeStubs.callsFor(stubs().ism, "pending_obj")).isZero();
    }

    // ---- batch and render-templates ---------------------------------------------------------------------------

    @Test
    void aBatchRunsEveryItemAndRecordsTheOneThatFailed() throws IOException {
        Map<String, Object> bad = pipeline("ghost", "full");
        JsonNode submitted = submit("batch", Map.of("items", List.of(pipeline("can", "none"), bad,
                pipeline("can", "none")), "output_mode", "results_only", "output_dir", "nightly"));
        assertThat(submitted.get("job_type").asText()).isEqualTo("batch");
        JsonNode done = awaitEnd(submitted.get("job_id").asText());
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
        JsonNode summary = done.get("output");
        assertThat(summary.get("total").asInt()).isEqualTo(3);
        assertThat(summary.get("succeeded").asInt()).isEqualTo(2);
        assertThat(summary.get("failed").asInt()).isEqualTo(1);
        assertThat(summary.fieldNames()).toIterable().contains("started_at", "finished_at", "duration_ms");
        JsonNode items = summary.get("items");
        assertThat(items.get(0).get("status").asText()).isEqualTo("completed");
        assertThat(items.get(0).get("poses_found").asInt()).isEqualTo(1);
        assertThat(items.get(0).get("object_name").asText()).isEqualTo("can");
        assertThat(items.get(1).get("status").asText()).isEqualTo("failed");
        assertThat(items.get(1).get("error").asText()).contains("items[1].object_name").contains("ghost");
        assertThat(items.get(1).get("object_name").asText()).isEqualTo("ghost");
        assertThat(items.get(2).get("status").asText()).isEqualTo("completed");
        for (String f : List.of("index", "class_name", "object_name", "status", "error", "duration_ms",
                "poses_found", "output_dir")) {
            assertThat(items.get(0).has(f)).as(f).isTrue();
        }
        Path itemDir = staticDir().resolve(items.get(0).get("output_dir").asText());
        assertThat(files(itemDir)).containsExactly("result.json");
        Path batchDir = itemDir.getParent();
        assertThat(batchDir.getFileName().toString()).endsWith("_nightly");
        JsonNode written = json.readTree(batchDir.resolve("batch_summary.json").toFile());
        assertThat(written.get("failed").asInt()).isEqualTo(1);
    }

    @Test
    void renderTemplatesRendersOnlyObjectsWithoutTemplates() {
        String cls = "rt" + FRESH.incrementAndGet();
        WorkflowStatic.addObject(staticDir(), cls, "a", false);
        WorkflowStatic.addObject(staticDir(), cls, "b", true);
        catalog.rescan();
        JsonNode done = awaitEnd(submit("render-templates", Map.of("class_name", cls)).get("job_id").asText());
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
        assertThat(done.get("job_type").asText()).isEqualTo("render_templates");
        JsonNode out = done.get("output");
        assertThat(out.get("rendered").asInt()).isEqualTo(1);
        assertThat(out.get("skipped").asInt()).isEqualTo(1);
        assertThat(out.get("objects").get(0).get("status").asText()).isEqualTo("rendered");
        assertThat(out.get("objects").get(1).get("status").asText()).isEqualTo("skipped");
        assertThat(stubs().render.calls().stream().filter(c -> c.method().equals("POST"))
                .filter(c -> c.body().get("class_name").asText().equals(cls)).count()).isEqualTo(1);
        JsonNode cls2 = http.getForObject("/api/v1/objects/classes/" + cls, JsonNode.class);
        assertThat(cls2.get("template_count").asInt()).isEqualTo(2);

        JsonNode forced = awaitEnd(submit("render-templates", Map.of("class_name", cls, "object_names", List.of("b"),
                "force_regenerate", true)).get("job_id").asText());
        assertThat(forced.get("output").get("rendered").asInt()).isEqualTo(1);
    }

    // ---- validation and the jobs API ----------------------------------------------------------------------------

    @Test
    void badRequestsAreRefusedAtSubmitNamingTheField() {
        Map<String, Object> escape = pipeline("can", "none");
        escape.put("input_images", Map.of("rgb_path", "../../etc/passwd", "depth_path", "input/depth.png",
                "camera_path", "input/camera.json"));
        assertProblem(post("full-pipeline", escape), HttpStatus.BAD_REQUEST, "input_images.rgb_path");

        Map<String, Object> absolute = pipeline("can", "none");
        absolute.put("input_images", Map.of("rgb_path", "input/rgb.png", "depth_path", "/etc/passwd",
                "camera_path", "input/camera.json"));
        assertProblem(post("full-pipeline", absolute), HttpStatus.BAD_REQUEST, "input_images.depth_path");

        Map<String, Object> missing = pipeline("can", "none");
        missing.put("input_images", Map.of("rgb_path", "input/rgb.png", "depth_path", "input/nothing.png",
                "camera_path", "input/camera.json"));
        assertProblem(post("full-pipeline", missing), HttpStatus.BAD_REQUEST, "input_images.depth_path");

        Map<String, Object> noCamera = pipeline("can", "none");
        noCamera.put("input_images", Map.of("rgb_path", "input/rgb.png", "depth_path", "input/depth.png"));
        assertProblem(post("full-pipeline", noCamera), HttpStatus.BAD_REQUEST, "input_images.camera_path");

        Map<String, Object> noFrame = pipeline("can", "none");
        noFrame.remove("input_images");
        assertProblem(post("full-pipeline", noFrame), HttpStatus.BAD_REQUEST, "input_images");

        Map<String, Object> both = pipeline("can", "none");
        both.put("images", Map.of("rgb_image", "AAAA"));
        assertProblem(post("full-pipeline", both), HttpStatus.BAD_REQUEST, "input_images");

        Map<String, Object> tooMany = pipeline("can", "none");
        tooMany.put("object_names", java.util.Collections.nCopies(51, "can"));
        assertProblem(post("full-pipeline", tooMany), HttpStatus.BAD_REQUEST, "object_names");

        Map<String, Object> badBase64 = pipeline("can", "none");
        badBase64.remove("input_images");
        badBase64.put("images", Map.of("rgb_image", "not base64!", "depth_image", "AAAA", "cam_K",
                List.of(1.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0), "depth_scale", 1.0));
        assertProblem(post("full-pipeline", badBase64), HttpStatus.BAD_REQUEST, "images.rgb_image");

        Map<String, Object> noClass = pipeline("can", "none");
        noClass.remove("class_name");
        assertProblem(post("full-pipeline", noClass), HttpStatus.BAD_REQUEST, "class_name");
        assertProblem(post("full-pipeline", pipeline(null, "none")), HttpStatus.BAD_REQUEST, "object_name");
        assertProblem(post("full-pipeline", pipeline("ghost", "none")), HttpStatus.NOT_FOUND, "object_name");
        Map<String, Object> unknownClass = pipeline("can", "none");
        unknownClass.put("class_name", "nosuchclass");
        assertProblem(post("full-pipeline", unknownClass), HttpStatus.NOT_FOUND, "class_name");
        assertProblem(post("full-pipeline", pipeline("can", "everything")), HttpStatus.BAD_REQUEST, "output_mode");
        Map<String, Object> badTag = pipeline("can", "none");
        badTag.put("output_dir", "../elsewhere");
        assertProblem(post("full-pipeline", badTag), HttpStatus.BAD_REQUEST, "output_dir");
        Map<String, Object> badScore = pipeline("can", "none");
        badScore.put("score_threshold", 1.5);
        assertProblem(post("full-pipeline", badScore), HttpStatus.BAD_REQUEST, "score_threshold");

        assertProblem(post("batch", Map.of("items", List.of())), HttpStatus.BAD_REQUEST, "items");
        assertProblem(post("batch", Map.of("items", List.of(pipeline("can", "none")), "output_mode", "x")),
                HttpStatus.BAD_REQUEST, "output_mode");
        assertProblem(post("render-templates", Map.of("class_name", "nosuchclass")), HttpStatus.NOT_FOUND,
                "class_name");
        assertProblem(post("render-templates", Map.of("class_name", CLS, "object_names", List.of("ghost"))),
                HttpStatus.NOT_FOUND, "object_name");
        assertProblem(post("render-templates", Map.of("class_name", "a/b")), HttpStatus.BAD_REQUEST, "class_name");
    }

    @Test
    void theRssWorkflowRunsOnCapturedFramesAndAsABatchForSeveral() {
        assertThat(cameras.getIfAvailable()).isInstanceOf(FakeCamera.class);
        assertProblem(post("full-pipeline-from-rss", Map.of("rss_url", "ftp://camera", "class_name", CLS,
                "object_name", "can")), HttpStatus.BAD_REQUEST, "rss_url");
        assertProblem(post("full-pipeline-from-rss", Map.of("rss_url", "http://camera:8080", "class_name", CLS,
                "object_name", "ghost")), HttpStatus.NOT_FOUND, "object_name");
        assertProblem(post("full-pipeline-from-rss", Map.of("rss_url", "http://camera:8080", "class_name", CLS,
                "object_name", "can", "frames", 0)), HttpStatus.BAD_REQUEST, "frames");

        JsonNode one = awaitEnd(submit("full-pipeline-from-rss", Map.of("rss_url", "http://camera:8080",
                "class_name", CLS, "object_name", "can", "align_color", true)).get("job_id").asText());
        assertThat(one.get("status").asText()).as(one.toString()).isEqualTo("completed");
        assertThat(one.get("job_type").asText()).isEqualTo("full_pipeline_rss");
        assertThat(one.get("output").get("objects").get(0).get("poses")).hasSize(1);
        assertThat(one.get("output").get("capture").get("aligned").asBoolean()).isTrue();

        JsonNode several = awaitEnd(submit("full-pipeline-from-rss", Map.of("rss_url", "http://camera:8080/flaky",
                "class_name", CLS, "object_name", "can", "frames", 3, "output_mode", "none")).get("job_id").asText());
        assertThat(several.get("status").asText()).as(several.toString()).isEqualTo("completed");
        JsonNode summary = several.get("output");
        assertThat(summary.get("total").asInt()).isEqualTo(3);
        assertThat(summary.get("succeeded").asInt() + summary.get("failed").asInt()).isEqualTo(3);
        assertThat(summary.get("failed").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(summary.get("items").findValuesAsText("error")).anyMatch(e -> e.contains("sent no depth frame"));
    }

    @Test
    void jobsAreListedNewestFirstFilteredAndUnknownOnesAre404() {
        String id = submit("full-pipeline", pipeline("can", "none")).get("job_id").asText();
        awaitEnd(id);
        JsonNode list = http.getForObject("/api/v1/workflow/jobs?status=completed&job_type=full_pipeline&limit=500",
                JsonNode.class);
        assertThat(list.get("total").asLong()).isGreaterThanOrEqualTo(list.get("jobs").size());
        assertThat(list.get("jobs")).allMatch(j -> j.get("status").asText().equals("completed")
                && j.get("job_type").asText().equals("full_pipeline"));
        assertThat(list.get("jobs").findValuesAsText("job_id")).contains(id);
        assertThat(list.get("jobs")).as("the list does not load outputs").allMatch(j -> j.get("output").isNull());
        List<Instant> created = list.get("jobs").findValuesAsText("created_at").stream().map(Instant::parse)
                .toList();
        assertThat(created).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(http.getForObject("/api/v1/workflow/jobs?limit=1", JsonNode.class).get("jobs")).hasSize(1);

        assertProblem(http.getForEntity("/api/v1/workflow/jobs/" + UUID.randomUUID(), JsonNode.class),
                HttpStatus.NOT_FOUND, "job_id");
        assertProblem(post("jobs/" + UUID.randomUUID() + "/cancel", null), HttpStatus.NOT_FOUND, "job_id");
        assertProblem(http.getForEntity("/api/v1/workflow/jobs?status=sleeping", JsonNode.class),
                HttpStatus.BAD_REQUEST, "status");
        assertProblem(http.getForEntity("/api/v1/workflow/jobs?job_type=nap", JsonNode.class),
                HttpStatus.BAD_REQUEST, "job_type");
        assertProblem(http.getForEntity("/api/v1/workflow/jobs?limit=0", JsonNode.class), HttpStatus.BAD_REQUEST,
                "limit");
    }

    @Test
    void metricsCountJobsByStatusAndOutcomeAndTimeTheStages() {
        awaitEnd(submit("full-pipeline", pipeline("can", "none")).get("job_id").asText());
        assertThat(meters.get("sam6d.jobs.finished").tags("type", "full_pipeline", "outcome", "completed").counter()
                .count()).isGreaterThanOrEqualTo(1);
        assertThat(meters.get("sam6d.workflow.stage").tags("stage", "ism").timer().count()).isGreaterThanOrEqualTo(1);
        assertThat(meters.get("sam6d.workflow.stage").tags("stage", "pem").timer().count()).isGreaterThanOrEqualTo(1);
        long deadline = System.currentTimeMillis() + 30_000;
        while (meters.get("sam6d.jobs").tags("status", "completed").gauge().value() < 1) {
            assertThat(System.currentTimeMillis()).isLessThan(deadline);
            sleep(30);
        }
    }

    // ---- output_dir as a folder, waiting submits, output files ----------------------------------------------------

    @Test
    void outputDirNamesAFolderUnderStaticOutputOrIsRefusedNamingTheField() throws IOException {
        String run = "run_" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = pipeline("can", "results_only");
        body.put("output_dir", "static/output/" + run);
        JsonNode first = awaitEnd(submit("full-pipeline", body).get("job_id").asText());
        assertThat(first.get("output").get("output_dir").asText()).isEqualTo("output/" + run);
        assertThat(files(staticDir().resolve("output").resolve(run))).containsExactly("result.json");
        // the same folder again: a folder of its own beside it
        body.put("output_dir", "output/" + run);
        JsonNode second = awaitEnd(submit("full-pipeline", body).get("job_id").asText());
        assertThat(second.get("output").get("output_dir").asText()).isEqualTo("output/" + run + "_2");
        body.put("output_dir", "./static/output//" + run + "/nested/");
        JsonNode nested = awaitEnd(submit("full-pipeline", body).get("job_id").asText());
        assertThat(nested.get("output").get("output_dir").asText()).isEqualTo("output/" + run + "/nested");
        // a batch names its folder the same way; items go into sub-folders
        JsonNode batch = awaitEnd(submit("batch", Map.of("items", List.of(pipeline("can", "none")),
                "output_mode", "results_only", "output_dir", "static/output/" + run + "_batch")).get("job_id").asText());
        assertThat(batch.get("output").get("output_dir").asText()).isEqualTo("output/" + run + "_batch");
        assertThat(batch.get("output").get("items").get(0).get("output_dir").asText())
                .startsWith("output/" + run + "_batch/item_0_");

        for (String bad : List.of("static/meshes/x", "static/output", "output/", "static/output/../meshes",
                "/tmp/x", "output/a b", "static/output/%2e%2e/x", "other/run")) {
            Map<String, Object> b = pipeline("can", "none");
            b.put("output_dir", bad);
            ResponseEntity<JsonNode> r = post("full-pipeline", b);
            assertProblem(r, HttpStatus.BAD_REQUEST, "output_dir");
        }
        assertProblem(post("batch", Map.of("items", List.of(pipeline("can", "none")), "output_dir",
                "static/templates/x")), HttpStatus.BAD_REQUEST, "output_dir");
    }

    @Test
    void aWaitingSubmitAnswers200WithTheEndedJobOr202WhenTheWaitRunsOut() {
        Map<String, Object> body = pipeline("can", "none");
        body.put("wait", true);
        ResponseEntity<JsonNode> done = post("full-pipeline", body);
        assertThat(done.getStatusCode()).as(String.valueOf(done.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(done.getBody().get("status").asText()).isEqualTo("completed");
        assertThat(done.getBody().get("output").get("objects").get(0).get("poses")).hasSize(1);
        assertThat(done.getHeaders().getLocation()).hasToString("/api/v1/workflow/jobs/"
                + done.getBody().get("job_id").asText());

        ResponseEntity<JsonNode> rendered = post("render-templates?wait=15s", Map.of("class_name", CLS,
                "object_names", List.of("can")));
        assertThat(rendered.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(rendered.getBody().get("output").get("skipped").asInt()).isEqualTo(1);

        stubs().gate = new CountDownLatch(1);
        ResponseEntity<JsonNode> outOfTime = post("full-pipeline?wait=300ms", pipeline("block_run", "none"));
        assertThat(outOfTime.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(outOfTime.getBody().get("status").asText()).isIn("pending", "running");
        // the job goes on without its client
        stubs().gate.countDown();
        assertThat(awaitEnd(outOfTime.getBody().get("job_id").asText()).get("status").asText())
                .isEqualTo("completed");

        // ?wait wins over the body; false is no wait
        ResponseEntity<JsonNode> notWaiting = post("full-pipeline?wait=false", body);
        assertThat(notWaiting.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        awaitEnd(notWaiting.getBody().get("job_id").asText());
        for (String bad : List.of("soon", "-5s", "1h30")) {
            assertProblem(post("full-pipeline?wait=" + bad, pipeline("can", "none")), HttpStatus.BAD_REQUEST, "wait");
        }
    }

    @Test
    void manyWaitingSubmitsHoldNoRequestThreadAndAllAnswerWhenTheirJobsEnd() throws Exception {
        stubs().gate = new CountDownLatch(1);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        String blocked = json.writeValueAsString(pipeline("block_run", "none"));
        for (int i = 0; i < WAITERS; i++) {
            answers.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/workflow/full-pipeline?wait=20s")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(blocked)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        long deadline = System.currentTimeMillis() + 20_000;
        while (waits.waitingNow() < WAITERS) {
            assertThat(System.currentTimeMillis()).as("waiting submits: %d", waits.waitingNow()).isLessThan(deadline);
            sleep(20);
        }
        // three times as many waiting submits as request threads, and the server still answers at once
        assertThat(http.getForEntity("/api/v1/workflow/jobs?limit=1", JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        // one more than may wait: answered at once, its job stored all the same
        ResponseEntity<JsonNode> over = post("full-pipeline?wait=20s", pipeline("can", "none"));
        assertThat(over.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(answers).noneMatch(CompletableFuture::isDone);

        stubs().gate.countDown();
        for (CompletableFuture<HttpResponse<String>> a : answers) {
            HttpResponse<String> r = a.get(30, TimeUnit.SECONDS);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(json.readTree(r.body()).get("status").asText()).isEqualTo("completed");
        }
        assertThat(waits.waitingNow()).isZero();
        awaitEnd(over.getBody().get("job_id").asText());
    }

    @Test
    void aJobEndedByAnotherInstanceAnswersItsWaitingSubmitThroughTheTable() throws Exception {
        stubs().gate = new CountDownLatch(1);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        CompletableFuture<HttpResponse<String>> answer = client.sendAsync(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + "/api/v1/workflow/full-pipeline?wait=20s"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(pipeline("block_run", "none"))))
                .build(), HttpResponse.BodyHandlers.ofString());
        long deadline = System.currentTimeMillis() + 20_000;
        while (waits.waitingNow() < 1) {
            assertThat(System.currentTimeMillis()).isLessThan(deadline);
            sleep(20);
        }
        String id = jdbc.queryForObject("SELECT job_id FROM workflow_jobs WHERE input LIKE '%block_run%' AND status"
                + " IN ('pending', 'running') ORDER BY created_at DESC LIMIT 1", String.class);
        // as another instance would end it: only the row changes, no event reaches this instance
        jdbc.update("UPDATE workflow_jobs SET status = 'failed', error = 'ended elsewhere', lease_owner = NULL,"
                + " finished_at = ?, updated_at = ? WHERE job_id = ?", OffsetDateTime.now(ZoneOffset.UTC),
                OffsetDateTime.now(ZoneOffset.UTC), id);
        HttpResponse<String> r = answer.get(10, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json.readTree(r.body()).get("error").asText()).isEqualTo("ended elsewhere");
        stubs().gate.countDown();
    }

    @Test
    void aJobsOutputFilesAreListedAndServedFromItsFolderOnly() throws IOException {
        Map<String, Object> body = pipeline("can", "full");
        body.put("wait", true);
        JsonNode job = post("full-pipeline", body).getBody();
        String id = job.get("job_id").asText();
        JsonNode list = http.getForObject("/api/v1/workflow/jobs/" + id + "/files", JsonNode.class);
        assertThat(list.get("output_dir").asText()).isEqualTo(job.get("output").get("output_dir").asText());
        assertThat(list.get("files").findValuesAsText("path")).contains("overlay.png", "result.json",
                "mask_0_can.png");
        ResponseEntity<byte[]> overlay = http.getForEntity("/api/v1/workflow/jobs/" + id + "/files/overlay.png",
                byte[].class);
        assertThat(overlay.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(overlay.getHeaders().getContentType()).hasToString("image/png");
        assertThat(overlay.getBody()).isEqualTo(Files.readAllBytes(outputPath(job.get("output"))
                .resolve("overlay.png")));

        assertProblem(http.getForEntity("/api/v1/workflow/jobs/" + id + "/files/nothing.png", JsonNode.class),
                HttpStatus.NOT_FOUND, "path");
        assertProblem(http.getForEntity("/api/v1/workflow/jobs/" + id + "/files/..%2F..%2Fmeshes", JsonNode.class),
                HttpStatus.BAD_REQUEST, "path");
        Map<String, Object> none = pipeline("can", "none");
        none.put("wait", true);
        String noFiles = post("full-pipeline", none).getBody().get("job_id").asText();
        assertProblem(http.getForEntity("/api/v1/workflow/jobs/" + noFiles + "/files", JsonNode.class),
                HttpStatus.NOT_FOUND, "job_id");
    }

    @Test
    void theCameraServerMayBeNamedAsBaseOrHostAndPort() {
        assertThat(cameras.getIfAvailable()).isInstanceOf(FakeCamera.class);
        Map<String, Object> base = new LinkedHashMap<>(Map.of("base", "http://camera:8080", "class_name", CLS,
                "object_name", "can", "align_color", true, "frame_guess", true, "output_mode", "none"));
        ResponseEntity<JsonNode> byBase = post("full-pipeline-from-rss?wait=15s", base);
        assertThat(byBase.getStatusCode()).as(String.valueOf(byBase.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(byBase.getBody().get("input").get("rss_url").asText()).isEqualTo("http://camera:8080");
        JsonNode byHost = submit("full-pipeline-from-rss", Map.of("host", "camera", "port", 8080, "class_name", CLS,
                "object_name", "can", "output_mode", "none"));
        assertThat(byHost.get("input").get("rss_url").asText()).isEqualTo("http://camera:8080");
        awaitEnd(byHost.get("job_id").asText());
        base.put("rss_url", "http://other:8080");
        assertProblem(post("full-pipeline-from-rss", base), HttpStatus.BAD_REQUEST, "base");
        assertProblem(post("full-pipeline-from-rss", Map.of("base", "camera:8080", "class_name", CLS,
                "object_name", "can")), HttpStatus.BAD_REQUEST, "base");
        assertProblem(post("full-pipeline-from-rss", Map.of("host", "camera", "port", 70000, "class_name", CLS,
                "object_name", "can")), HttpStatus.BAD_REQUEST, "port");
    }
}
