package io.sam6d.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/batch-pipeline.sh} against a stub main-server that demands a bearer token (the real servers run it
 * in {@link H2EndToEndTests}): the token from {@code SAM6D_TOKEN} is sent, a refusal is reported, arguments are
 * checked.
 */
class BatchScriptTests {

    static final String TOKEN = "test-token-123";

    HttpServer stub;
    final List<String> requests = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeEach
    void startStub() throws IOException {
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/", this::answer);
        stub.start();
    }

    @AfterEach
    void stopStub() {
        stub.stop(0);
    }

    private void answer(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            requests.add(ex.getRequestMethod() + " " + path);
            if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                send(ex, 401, "{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"a bearer token is required\","
                        + "\"field\":\"Authorization\"}");
            } else if (path.equals("/api/v1/objects/classes/cls")) {
                send(ex, 200, "{\"class_name\":\"cls\",\"objects\":[{\"name\":\"obj_a\"},{\"name\":\"obj_b\"}]}");
            } else if (path.equals("/api/v1/workflow/full-pipeline")) {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String id = body.contains("obj_a") ? "job-a" : "job-b";
                send(ex, 202, "{\"job_id\":\"" + id + "\",\"status\":\"pending\",\"progress\":0}");
            } else if (path.equals("/api/v1/workflow/jobs/job-a")) {
                send(ex, 200, "{\"job_id\":\"job-a\",\"status\":\"completed\",\"progress\":100,\"stage\":null,"
                        + "\"error\":null,\"output\":{\"output_dir\":\"output/x_a\",\"objects\":[{\"object_name\":"
                        + "\"obj_a\",\"poses\":[{\"score\":0.9},{\"score\":0.5}]}]}}");
            } else if (path.equals("/api/v1/workflow/jobs/job-b")) {
                send(ex, 200, "{\"job_id\":\"job-b\",\"status\":\"failed\",\"progress\":30,\"stage\":\"ism\","
                        + "\"error\":\"ism-server answered 422: no templates\",\"output\":null}");
            } else {
                send(ex, 404, "{\"title\":\"Not Found\",\"status\":404}");
            }
        }
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void sendsTheTokenReportsEachJobAndWritesTheSummary() throws Exception {
        Path frame = frame();
        Path summary = dir.resolve("summary.json");
        Result r = run(TOKEN, "--class", "cls", "--objects", "all", "--frames", frame.toString(), "--summary",
                summary.toString(), "--poll-ms", "50", "--parallel", "1");
        assertThat(r.exit()).as(r.output()).isEqualTo(1); // one of the two failed
        assertThat(r.output()).contains("completed, 2 pose(s)").contains("FAILED: ism-server answered 422");
        JsonNode s = Api.JSON.readTree(summary.toFile());
        assertThat(s.get("total").asInt()).isEqualTo(2);
        assertThat(s.get("succeeded").asInt()).isEqualTo(1);
        assertThat(s.get("failed").asInt()).isEqualTo(1);
        JsonNode a = s.get("items").get(0);
        assertThat(a.get("object_name").asText()).isEqualTo("obj_a");
        assertThat(a.get("job_id").asText()).isEqualTo("job-a");
        assertThat(a.get("poses_found").asInt()).isEqualTo(2);
        assertThat(a.get("output_dir").asText()).isEqualTo("output/x_a");
        assertThat(s.get("items").get(1).get("error").asText()).contains("422");
        assertThat(requests).contains("GET /api/v1/objects/classes/cls", "POST /api/v1/workflow/full-pipeline",
                "GET /api/v1/workflow/jobs/job-a", "GET /api/v1/workflow/jobs/job-b");
    }

    @Test
    void aRefusedTokenEndsTheRunWithTheServersReason() throws Exception {
        Result r = run("wrong", "--class", "cls", "--objects", "all", "--frames", frame().toString(),
                "--summary", dir.resolve("s.json").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.output()).contains("answered 401").contains("Authorization");
    }

    @Test
    void badArgumentsAreNamed() throws Exception {
        Result none = run(null, "--class", "cls", "--objects", "a");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.output()).contains("give exactly one of --frames DIR and --rss URL");
        Result mode = run(null, "--class", "cls", "--objects", "a", "--rss", "http://cam", "--mode", "all");
        assertThat(mode.exit()).isEqualTo(2);
        assertThat(mode.output()).contains("--mode must be full, results_only or none");
        Result empty = run(TOKEN, "--class", "cls", "--objects", "a", "--frames", dir.toString());
        assertThat(empty.exit()).isEqualTo(2);
        assertThat(empty.output()).contains("holds no frame");
    }

    /** A frame folder outside any static/: the images travel in the request. */
    Path frame() throws IOException {
        Path f = Files.createDirectories(dir.resolve("f1"));
        Path lmo = Suite.sharedData().resolve("lmo_example");
        for (String name : List.of("rgb.png", "depth.png", "camera.json")) {
            Files.copy(lmo.resolve(name), f.resolve(name));
        }
        return f;
    }

    record Result(int exit, String output) {
    }

    Result run(String token, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash",
                ServerProcess.repoDir().resolve("scripts/batch-pipeline.sh").toString(), "--url",
                "http://127.0.0.1:" + stub.getAddress().getPort()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator + System.getenv("PATH"));
        env.remove("SAM6D_TOKEN");
        if (token != null) {
            env.put("SAM6D_TOKEN", token);
        }
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Result(p.exitValue(), output);
    }
}
