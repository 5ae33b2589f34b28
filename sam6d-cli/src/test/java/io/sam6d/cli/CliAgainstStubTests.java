package io.sam6d.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against a stub main-server that demands a bearer token (the real servers run it in suite-tests): the
 * token from the environment or a file is sent, each job is reported, the summary is written, a refusal and bad
 * arguments end with their exit codes.
 */
class CliAgainstStubTests {

    static final Map<String, String> WITH_TOKEN = Map.of("SAM6D_TOKEN", StubMainServer.TOKEN);

    StubMainServer stub;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        stub = new StubMainServer();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    CliRun run(Map<String, String> env, String... args) {
        return CliRun.run(dir, env, false, CliRun.args(stub.url(), args));
    }

    @Test
    void aBatchSendsTheTokenReportsEachJobAndWritesTheSummaryUnderTheDocumentsName() throws Exception {
        frame("f1");
        CliRun r = run(WITH_TOKEN, "batch", "--class", "cls", "--objects", "all", "--frames", "f1",
                "--parallel", "1");
        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCodes.JOB_FAILED); // one of the two failed
        assertThat(r.out()).contains("[1/2] [--------------------]   0%  obj_a @ f1  pending")
                .contains("[1/2] [####################] 100%  obj_a @ f1  completed, 2 pose(s)  job job-a")
                .contains("[2/2] [########------------]  40%  obj_b @ f1  FAILED: ism-server answered 422")
                .contains("batch [####################] 100%  2 of 2 done, 1 failed")
                .contains("done: 1 of 2 completed, 1 failed").contains("summary in rss_batch_summary.json");
        JsonNode s = Json.MAPPER.readTree(dir.resolve("rss_batch_summary.json").toFile());
        assertThat(s.get("main_server").asText()).isEqualTo(stub.url());
        assertThat(s.get("total").asInt()).isEqualTo(2);
        assertThat(s.get("succeeded").asInt()).isEqualTo(1);
        assertThat(s.get("failed").asInt()).isEqualTo(1);
        JsonNode a = s.get("items").get(0);
        assertThat(a.get("object_name").asText()).isEqualTo("obj_a");
        assertThat(a.get("frame").asText()).isEqualTo("f1");
        assertThat(a.get("job_id").asText()).isEqualTo("job-a");
        assertThat(a.get("poses_found").asInt()).isEqualTo(2);
        assertThat(a.get("output_dir").asText()).isEqualTo("output/x_a");
        assertThat(s.get("items").get(1).get("error").asText()).contains("422");
        // a frame outside any static/ folder travels in the request
        JsonNode sent = stub.bodies.get(0);
        assertThat(sent.get("images").get("rgb_image").asText()).isNotBlank();
        assertThat(sent.get("images").get("cam_K")).hasSize(9);
        assertThat(sent.has("input_images")).isFalse();
        assertThat(stub.requests).contains("GET /api/v1/objects/classes/cls", "POST /api/v1/workflow/full-pipeline",
                "GET /api/v1/workflow/jobs/job-a", "GET /api/v1/workflow/jobs/job-b");
    }

    @Test
    void anUnknownObjectFailsItsItemOnlyAndJsonPrintsTheSummaryAlone() throws Exception {
        frame("f1");
        CliRun r = run(WITH_TOKEN, "batch", "--class", "cls", "--objects", "obj_a,ghost", "--frames", "f1",
                "--summary", "out/s.json", "--json");
        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCodes.JOB_FAILED);
        JsonNode printed = Json.MAPPER.readTree(r.out());
        assertThat(printed.get("succeeded").asInt()).isEqualTo(1);
        assertThat(printed.get("items").get(1).get("error").asText()).contains("404").contains("object_name")
                .contains("no object ghost");
        assertThat(dir.resolve("out/s.json")).exists();
    }

    @Test
    void framesUnderAStaticFolderAreSentAsPathsAndAListFileNamesFrames() throws Exception {
        Path f = frame("static/frames/f2");
        Files.writeString(dir.resolve("list.txt"), "# frames\nstatic/frames/f2\n\n" + f.resolve("rgb.png") + " "
                + f.resolve("depth.png") + " " + f.resolve("camera.json") + "\n");
        CliRun r = run(WITH_TOKEN, "batch", "-c", "cls", "-o", "obj_a", "--list", "list.txt");
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(stub.bodies).hasSize(2).allSatisfy(b -> {
            assertThat(b.get("input_images").get("rgb_path").asText()).isEqualTo("static/frames/f2/rgb.png");
            assertThat(b.get("input_images").get("camera_path").asText()).isEqualTo("static/frames/f2/camera.json");
        });
        // --inline sends them all the same
        CliRun inline = run(WITH_TOKEN, "batch", "-c", "cls", "-o", "obj_a", "--frames", "static/frames/f2",
                "--inline");
        assertThat(inline.exit()).isZero();
        assertThat(stub.bodies.get(2).get("images").get("depth_image").asText()).isNotBlank();
    }

    @Test
    void runWritesTheResultAndDownloadsTheOverlayIntoItsFolder() throws Exception {
        frame("f1");
        Path token = Files.writeString(dir.resolve("token.txt"), StubMainServer.TOKEN + "\n");
        CliRun r = run(Map.of(), "run", "--class", "cls", "--object", "obj_a", "f1", "--out", "res",
                "--token-file", token.toString());
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("obj_a: 0 detection(s), 2 pose(s)")
                .contains("pose 0  score 0.900  t [1.0, 2.0, 900.0] mm")
                .contains("written to " + dir.resolve("res") + ": result.json, job.json, overlay.png");
        assertThat(Files.readAllBytes(dir.resolve("res/overlay.png"))).hasSize(4);
        assertThat(Json.MAPPER.readTree(dir.resolve("res/result.json").toFile()).at("/objects/0/poses"))
                .hasSize(2);
        // the frame's own files are not fetched back
        assertThat(dir.resolve("res/rgb.png")).doesNotExist();
        assertThat(stub.bodies.get(0).get("output_mode").asText()).isEqualTo("full");
    }

    @Test
    void aRefusedTokenEndsTheRunWithTheServersReason() throws Exception {
        frame("f1");
        CliRun wrong = run(Map.of("SAM6D_TOKEN", "wrong"), "batch", "--class", "cls", "--objects", "obj_a,obj_b",
                "--frames", "f1");
        assertThat(wrong.exit()).isEqualTo(ExitCodes.UNAUTHORIZED);
        assertThat(wrong.err()).contains("answered 401").contains("Authorization: the bearer token is not valid");
        assertThat(stub.requests).containsOnlyOnce("POST /api/v1/workflow/full-pipeline");
        CliRun none = run(Map.of(), "status");
        assertThat(none.exit()).isEqualTo(ExitCodes.UNAUTHORIZED);
    }

    @Test
    void jobsAreWatchedAndCancelledWithExitCodesForScripts() {
        CliRun watch = run(WITH_TOKEN, "jobs", "watch", "job-b");
        assertThat(watch.exit()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(watch.out()).contains("FAILED: ism-server answered 422");
        CliRun cancel = run(WITH_TOKEN, "jobs", "cancel", "job-b");
        assertThat(cancel.exit()).isZero();
        assertThat(cancel.out()).contains("job job-b cancelled");
        CliRun late = run(WITH_TOKEN, "jobs", "cancel", "job-a");
        assertThat(late.exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(late.err()).contains("409").contains("has already finished");
    }

    @Test
    void badArgumentsAreNamedWithExitCode2() throws Exception {
        CliRun none = run(WITH_TOKEN, "batch", "--class", "cls", "--objects", "a");
        assertThat(none.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).contains("--frames").contains("--list");
        CliRun mode = run(WITH_TOKEN, "rss", "--class", "cls", "--objects", "a", "--camera", "http://cam",
                "--mode", "all");
        assertThat(mode.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(mode.err()).contains("--mode must be full, results_only or none");
        Files.createDirectories(dir.resolve("empty"));
        CliRun empty = run(WITH_TOKEN, "batch", "--class", "cls", "--objects", "a", "--frames", "empty");
        assertThat(empty.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(empty.err()).contains("holds no frame");
        CliRun timeout = run(WITH_TOKEN, "jobs", "watch", "job-a", "--timeout", "soon");
        assertThat(timeout.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(timeout.err()).contains("'soon' is not a duration");
        assertThat(stub.requests).isEmpty();
        CliRun down = CliRun.run(dir, WITH_TOKEN, false, "status", "--url", "http://127.0.0.1:1");
        assertThat(down.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(down.err()).contains("did not answer").contains("connection refused");
    }

    @Test
    void onATerminalProgressIsRedrawnInPlace() throws Exception {
        frame("f1");
        CliRun r = CliRun.run(dir, WITH_TOKEN, true, CliRun.args(stub.url(), "batch", "-c", "cls", "-o", "all",
                "--frames", "f1"));
        assertThat(r.out()).contains("\033[").contains("batch [####################] 100%  2 of 2 done, 1 failed");
    }

    /** A frame folder (the LM-O frame's files) under the test's folder. */
    Path frame(String name) throws IOException {
        Path f = Files.createDirectories(dir.resolve(name));
        Path lmo = Path.of(System.getProperty("sam6d.shared.dir", "../../shared")).resolve("data/lmo_example");
        for (String file : new String[] {"rgb.png", "depth.png", "camera.json"}) {
            Files.copy(lmo.resolve(file), f.resolve(file));
        }
        return f;
    }
}
