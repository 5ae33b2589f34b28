package io.sam6d.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam6d.cli.Sam6d;
import io.sam6d.cli.Terminal;
import io.sam6d.support.fixtures.RealSenseFixtureServer;
import org.junit.jupiter.api.Test;

/**
 * The suite end to end with main-server on an H2 file database in the temporary project root, with bearer tokens
 * required (config.env's default); also the command-line client {@code sam6d} against it (once: it is a client, the
 * database is no matter), in this JVM as scripts call it, and once through its launcher script and jar.
 */
class H2EndToEndTests extends EndToEndTests {

    static final String CLIENT = "suite";
    static final String SECRET = "suite-client-secret";

    @Override
    Map<String, String> databaseEnv() {
        return Map.of("DB_URL", "jdbc:h2:file:" + Suite.get().home.resolve("data/h2/sam6d")
                + ";DB_CLOSE_ON_EXIT=FALSE", "DB_USERNAME", "sa", "DB_PASSWORD", "");
    }

    @Override
    Map<String, String> authEnv() {
        return Map.of("AUTH_ENABLED", "true", "AUTH_JWT_SECRET", "suite-tests-secret-of-at-least-32-bytes!",
                "AUTH_CLIENTS", CLIENT + ":" + SECRET);
    }

    @Override
    String token() {
        return Api.token(main, CLIENT, SECRET);
    }

    @Override
    String name() {
        return "h2";
    }

    record Cli(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    /** {@code sam6d ARGS} against this main-server, run from the suite's project root, output piped. */
    Cli sam6d(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", main.baseUrl(), "--poll", "200ms"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Sam6d.execute(all.toArray(String[]::new), new Terminal(new PrintWriter(out, true),
                new PrintWriter(err, true), env, suite.home, false, 120));
        System.out.println("$ sam6d " + String.join(" ", args) + "\n" + out + err + "(exit " + exit + ")");
        return new Cli(exit, out.toString(), err.toString());
    }

    Map<String, String> tokenEnv() {
        return Map.of("SAM6D_TOKEN", token());
    }

    @Test
    void theClientShowsStatusObjectsRendersAndRunsAFrameWritingResultAndOverlay() throws Exception {
        Map<String, String> env = tokenEnv();
        Cli status = sam6d(env, "status");
        assertThat(status.exit()).as(status.all()).isZero();
        assertThat(status.out()).contains("healthy: 3 of 3 services").contains("weight-free").contains("ism ");

        Cli objects = sam6d(env, "objects");
        assertThat(objects.exit()).isZero();
        assertThat(objects.out()).contains("test").contains(Suite.YCBV_CLASS);

        Cli render = sam6d(env, "render", "test", "obj_000005");
        assertThat(render.exit()).as(render.all()).isZero();
        assertThat(render.out()).containsPattern("obj_000005 +(rendered|skipped)");

        // the demo frame as the documents name it; under static/ here, so main-server reads it there
        Path out = suite.home.resolve("cli-run");
        Cli run = sam6d(env, "run", "--class", "test", "--object", "obj_000005", "static/test", "--out",
                out.toString());
        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.out()).contains("100%").contains("obj_000005: 1 detection(s)").contains("overlay.png");
        assertThat(out.resolve("overlay.png")).isNotEmptyFile();
        JsonNode result = Api.JSON.readTree(out.resolve("result.json").toFile());
        assertThat(result.at("/objects/0/poses")).isNotEmpty();
        byte[] png = Files.readAllBytes(out.resolve("overlay.png"));
        assertThat(png).isEqualTo(Files.readAllBytes(suite.staticDir.resolve(result.get("output_dir").asText())
                .resolve("overlay.png")));
    }

    @Test
    void theClientsBatchWritesTheSummaryAndAFailedItemStopsNothing() throws Exception {
        // one frame under static/ (its paths are sent), one outside (its images travel in the request)
        Path list = suite.home.resolve("frames.txt");
        Files.writeString(list, "static/" + Suite.YCBV_FRAME_DIR + "\n" + Suite.sharedData().resolve("lmo_example")
                + "\n");
        Cli batch = sam6d(tokenEnv(), "batch", "--class", Suite.YCBV_CLASS, "--objects", "obj_000002,no_such_object",
                "--list", list.toString(), "--mode", "none");
        assertThat(batch.exit()).as(batch.all()).isEqualTo(1);
        assertThat(batch.out()).contains("batch [####################] 100%  4 of 4 done, 2 failed")
                .contains("summary in rss_batch_summary.json");
        JsonNode summary = Api.JSON.readTree(suite.home.resolve("rss_batch_summary.json").toFile());
        assertThat(summary.get("total").asInt()).isEqualTo(4);
        assertThat(summary.get("succeeded").asInt()).isEqualTo(2);
        JsonNode items = summary.get("items");
        assertThat(items.get(0).get("frame").asText()).isEqualTo("static/" + Suite.YCBV_FRAME_DIR);
        assertThat(items.get(0).get("status").asText()).isEqualTo("completed");
        assertThat(items.get(0).get("poses_found").asInt()).isPositive();
        assertThat(items.get(1).get("status").asText()).isEqualTo("failed");
        assertThat(items.get(1).get("error").asText()).contains("404").contains("object_name");
        assertThat(items.get(2).get("status").asText()).isEqualTo("completed");
        assertThat(items.get(2).get("job_id").asText()).isNotBlank();

        // frames from the camera server, one job each
        try (RealSenseFixtureServer camera = RealSenseFixtureServer.ycbv(Suite.SCENE, Suite.IMAGE).start()) {
            Cli rss = sam6d(tokenEnv(), "rss", "--camera", camera.baseUrl(), "--count", "2", "--class",
                    Suite.YCBV_CLASS, "--objects", "obj_000002", "--mode", "none", "--summary", "rss.json", "--json");
            assertThat(rss.exit()).as(rss.all()).isZero();
            JsonNode printed = Api.JSON.readTree(rss.out());
            assertThat(printed.get("succeeded").asInt()).isEqualTo(2);
            assertThat(printed.get("items").get(1).get("poses_found").asInt()).isPositive();
            assertThat(camera.hits("/streams/depth_raw")).isEqualTo(2);
            assertThat(suite.home.resolve("rss.json")).exists();
        }
    }

    @Test
    void theClientEndsWithExitCode4WhenTheTokenIsRefused() throws Exception {
        Cli wrong = sam6d(Map.of("SAM6D_TOKEN", "not-a-token"), "status");
        assertThat(wrong.exit()).isEqualTo(4);
        assertThat(wrong.err()).contains("401").contains("Authorization");
        Cli none = sam6d(Map.of(), "batch", "--class", Suite.YCBV_CLASS, "--objects", "all", "--frames",
                "static/" + Suite.YCBV_FRAME_DIR);
        assertThat(none.exit()).isEqualTo(4);
        assertThat(none.err()).contains("a bearer token is required");
        Path file = Files.writeString(suite.home.resolve("token.txt"), token());
        Cli fromFile = sam6d(Map.of(), "jobs", "list", "--limit", "1", "--token-file", file.toString());
        assertThat(fromFile.exit()).as(fromFile.all()).isZero();
    }

    @Test
    void aJobCancelledThroughTheClientEndsCancelledAndWatchSaysSo() {
        Map<String, String> env = tokenEnv();
        // templates rendered again first: seconds of work to cancel
        Cli detached = sam6d(env, "run", "--class", Suite.YCBV_CLASS, "--object", "obj_000002",
                "static/" + Suite.YCBV_FRAME_DIR, "--force-regenerate", "--mode", "none", "--detach");
        assertThat(detached.exit()).as(detached.all()).isZero();
        String jobId = detached.out().strip();
        Cli cancel = sam6d(env, "jobs", "cancel", jobId);
        assertThat(cancel.exit()).as(cancel.all()).isZero();
        assertThat(cancel.out()).contains(jobId);
        Cli watch = sam6d(env, "jobs", "watch", jobId);
        assertThat(watch.exit()).as(watch.all()).isEqualTo(1);
        assertThat(watch.out()).contains("cancelled");
        assertThat(api.getOk("/api/v1/workflow/jobs/" + jobId).get("status").asText()).isEqualTo("cancelled");
        Cli again = sam6d(env, "jobs", "cancel", jobId);
        assertThat(again.exit()).isEqualTo(3);
        assertThat(again.err()).contains("409");
    }

    @Test
    void theLauncherScriptRunsTheClientsJar() throws Exception {
        List<String> cmd = List.of("bash", ServerProcess.repoDir().resolve("scripts/sam6d").toString(), "jobs",
                "list", "--limit", "2", "--json", "--url", main.baseUrl());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false).directory(suite.home.toFile());
        Map<String, String> env = pb.environment();
        env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator + System.getenv("PATH"));
        env.put("SAM6D_CLI_JAR", ServerProcess.repoDir().resolve("sam6d-cli/target/sam6d.jar").toString());
        env.put("SAM6D_TOKEN", token());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out + err).isZero();
        assertThat(Api.JSON.readTree(out).get("jobs")).hasSizeLessThanOrEqualTo(2);
    }
}
