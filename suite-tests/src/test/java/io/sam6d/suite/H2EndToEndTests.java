package io.sam6d.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam6d.support.fixtures.RealSenseFixtureServer;
import org.junit.jupiter.api.Test;

/**
 * The suite end to end with main-server on an H2 file database in the temporary project root; also the users'
 * batch script ({@code scripts/batch-pipeline.sh}) against it (once: it is a client, the database is no matter).
 */
class H2EndToEndTests extends EndToEndTests {

    @Override
    Map<String, String> databaseEnv() {
        return Map.of("DB_URL", "jdbc:h2:file:" + Suite.get().home.resolve("data/h2/sam6d")
                + ";DB_CLOSE_ON_EXIT=FALSE", "DB_USERNAME", "sa", "DB_PASSWORD", "");
    }

    @Override
    String name() {
        return "h2";
    }

    @Test
    void batchScriptRunsObjectsOverFramesUnderStaticAndInlineAndFromTheCamera() throws Exception {
        Path out = Files.createTempDirectory(suite.home, "batch-script-");

        // every object of the class over every frame folder under static/frames (paths are sent)
        Script all = script(out.resolve("frames.json"), "--class", Suite.YCBV_CLASS, "--objects", "all",
                "--frames", suite.staticDir.resolve("frames").toString(), "--tag", "script", "--poll-ms", "200");
        assertThat(all.exit()).as(all.output()).isZero();
        assertThat(all.summary().get("total").asInt()).isEqualTo(2); // 2 frames x obj_000002
        assertThat(all.summary().get("succeeded").asInt()).isEqualTo(2);
        JsonNode items = all.summary().get("items");
        assertThat(items.findValuesAsText("frame")).anyMatch(f -> f.endsWith("ycbv_000001_000001"));
        JsonNode ycbvItem = items.get(0).get("frame").asText().endsWith("ycbv_000001_000001") ? items.get(0)
                : items.get(1);
        assertThat(ycbvItem.get("poses_found").asInt()).isPositive();
        assertThat(ycbvItem.get("job_id").asText()).isNotBlank();
        assertThat(all.output()).contains("100%").contains("completed");

        // a frame outside static/ travels in the request; an unknown object fails on its own (exit status 1)
        Script inline = script(out.resolve("inline.json"), "--class", "test", "--objects", "obj_000005,obj_999999",
                "--frames", Suite.sharedData().resolve("lmo_example").toString(), "--mode", "none");
        assertThat(inline.exit()).as(inline.output()).isEqualTo(1);
        assertThat(inline.output()).contains("frames are sent in the requests");
        JsonNode inlineItems = inline.summary().get("items");
        assertThat(inlineItems.get(0).get("status").asText()).isEqualTo("completed");
        assertThat(inlineItems.get(0).get("poses_found").asInt()).isPositive();
        assertThat(inlineItems.get(1).get("status").asText()).isEqualTo("failed");
        assertThat(inlineItems.get(1).get("error").asText()).contains("404").contains("object_name");

        // frames from the camera server, one job each
        try (RealSenseFixtureServer camera = RealSenseFixtureServer.ycbv(Suite.SCENE, Suite.IMAGE).start()) {
            Script rss = script(out.resolve("rss.json"), "--class", Suite.YCBV_CLASS, "--objects", "obj_000002",
                    "--rss", camera.baseUrl(), "--count", "2", "--mode", "none", "--poll-ms", "200");
            assertThat(rss.exit()).as(rss.output()).isZero();
            assertThat(rss.summary().get("succeeded").asInt()).isEqualTo(2);
            assertThat(camera.hits("/streams/depth_raw")).isEqualTo(2);
        }
    }

    record Script(int exit, String output, JsonNode summary) {
    }

    Script script(Path summary, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash",
                ServerProcess.repoDir().resolve("scripts/batch-pipeline.sh").toString(), "--url", main.baseUrl(),
                "--summary", summary.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        // the test's own JDK first on PATH: the script runs with `java`
        Path javaBin = Path.of(System.getProperty("java.home"), "bin");
        pb.environment().put("PATH", javaBin + File.pathSeparator + System.getenv("PATH"));
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        System.out.println(output);
        JsonNode json = Files.exists(summary) ? Api.JSON.readTree(summary.toFile()) : null;
        return new Script(p.exitValue(), output, json);
    }
}
