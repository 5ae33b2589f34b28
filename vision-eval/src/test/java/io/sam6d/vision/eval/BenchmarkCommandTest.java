package io.sam6d.vision.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sam6d.vision.SharedData;
import io.sam6d.vision.eval.bop.BopEstimate;
import io.sam6d.vision.eval.bop.BopResults;
import io.sam6d.vision.io.bop.BopDataset;
import io.sam6d.vision.io.bop.BopFrame;

/** The command line, with the test engines found through META-INF/services. */
class BenchmarkCommandTest {

    private record Run(int rc, String out) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
        int rc = BenchmarkCommand.run(args, ps, ps);
        return new Run(rc, buf.toString(StandardCharsets.UTF_8));
    }

    private static String ycbv() {
        return SharedData.ycbv().toString();
    }

    @Test
    void enginesAreFoundByName() {
        Run r = run("engines");
        assertEquals(0, r.rc());
        assertThat(r.out()).contains("oracle-gt");
    }

    @Test
    void bopPrintsTheTableAndWritesResults(@TempDir Path out) {
        Run r = run("bop", "--dataset", ycbv(), "--ism", "oracle-gt", "--pem", "oracle-gt", "--scenes", "1",
                "--max-frames", "1", "--out", out.toString());
        assertEquals(0, r.rc(), r.out());
        assertThat(r.out()).contains("det_rec", "ADD(-S)", "MSSD", "MSPD", "AR", "002_master_chef_can",
                "ISM s/frame: median");
        assertThat(r.out().lines().filter(l -> l.startsWith("all")).findFirst().orElseThrow())
                .contains("1.000");
        assertTrue(Files.isRegularFile(out.resolve("sam6d-oracle-gt-oracle-gt_ycbv-real-test.csv")));
        assertTrue(Files.isRegularFile(out.resolve("summary.json")));
    }

    @Test
    void anUnknownEngineNamesTheAvailableOnes(@TempDir Path out) {
        Run r = run("bop", "--dataset", ycbv(), "--ism", "no-such-engine", "--out", out.toString());
        assertEquals(2, r.rc());
        assertThat(r.out()).contains("no Segmenter", "'no-such-engine'", "oracle-gt");
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertEquals(2, run("bop", "--dataset", ycbv(), "--frobnicate", "1").rc());
        assertEquals(2, run("bop").rc());
        assertEquals(2, run("bop", "--dataset", ycbv(), "--absent", "many").rc());
        assertEquals(2, run("juggle").rc());
        assertEquals(0, run("--help").rc());
    }

    @Test
    void queriesAndModelsDirectoriesAreChecked(@TempDir Path dir) {
        assertEquals(2, run("bop", "--dataset", ycbv(), "--queries", "some").rc());
        assertEquals(2, run("bop", "--dataset", ycbv(), "--queries", "all", "--absent", "2").rc());
        assertEquals(2, run("bop", "--dataset", ycbv(), "--dataset", ycbv(), "--models-dir", "a", "--models-dir", "b",
                "--models-dir", "c").rc());
        Run noModels = run("bop", "--dataset", SharedData.dir().resolve("ycbv_syn").toString(), "--ism", "oracle-gt",
                "--out", dir.toString());
        assertEquals(2, noModels.rc());
        assertThat(noModels.out()).contains("needs --models-dir");
    }

    @Test
    void severalDatasetsAreReportedEachAndTogether(@TempDir Path out) throws Exception {
        Run r = run("bop", "--dataset", ycbv(), "--dataset", ycbv(), "--ism", "oracle-gt", "--pem", "oracle-gt",
                "--scenes", "1", "--max-frames", "1", "--queries", "all", "--out", out.toString());
        assertEquals(0, r.rc(), r.out());
        assertThat(r.out()).contains("== all datasets ==", "ycbv_real+ycbv_real-2/test", "queries=all",
                "false detections of absent objects: 0 in 34 queries (0.0 %)");
        assertTrue(Files.isRegularFile(out.resolve("ycbv_real").resolve("summary.json")));
        assertTrue(Files.isRegularFile(out.resolve("ycbv_real-2").resolve("frames.csv")));
        JsonNode all = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(2, all.get("frames").asInt());
        assertEquals(8, all.get("overall").get("targets").asInt());
        assertEquals(1.0, all.get("overall").get("ar").asDouble());
        assertEquals(2, all.get("frames_detail").size());
    }

    @Test
    void evalScoresAResultsFile(@TempDir Path dir) throws Exception {
        BopDataset ds = BopDataset.open(SharedData.ycbv());
        List<BopEstimate> truth = new ArrayList<>();
        for (int scene : List.of(1)) {
            for (BopFrame f : ds.frames("test", scene)) {
                for (BopFrame.GtPose g : f.gt()) {
                    truth.add(new BopEstimate(scene, f.imageId(), g.objId(), 1.0, g.modelToCamera(), 0.25));
                }
            }
        }
        truth.remove(0); // scene 1, image 1, object 1: one miss of 20
        Path csv = dir.resolve("truth_ycbv-test.csv");
        BopResults.writeCsv(csv, truth);
        Run r = run("eval", "--dataset", ycbv(), "--results", csv.toString(), "--scenes", "1", "--out",
                dir.resolve("o").toString());
        assertEquals(0, r.rc(), r.out());
        JsonNode s = new ObjectMapper().readTree(dir.resolve("o").resolve("summary.json").toFile());
        assertEquals(20, s.get("overall").get("targets").asInt());
        assertEquals(19 / 20.0, s.get("overall").get("ar").asDouble(), 1e-12);
        assertEquals(0.8, s.get("objects").get(0).get("ar").asDouble(), 1e-12, "object 1 missed once in 5");
        assertEquals(0.25, s.get("pem_seconds_per_frame").get("median").asDouble(), 1e-12);
    }

    @Test
    void frameModeReportsAndDrawsWithoutGroundTruth(@TempDir Path dir) throws Exception {
        Path scene = SharedData.ycbv().resolve("test").resolve("000001");
        JsonNode cam = new ObjectMapper().readTree(scene.resolve("scene_camera.json").toFile()).get("1");
        Path camera = dir.resolve("camera.json");
        Files.writeString(camera, cam.toString());
        Path models = SharedData.ycbv().resolve("models");
        Run r = run("frame", "--rgb", scene.resolve("rgb/000001.png").toString(),
                "--depth", scene.resolve("depth/000001.png").toString(), "--camera", camera.toString(),
                "--model", models.resolve("obj_000001.ply").toString(),
                "--model", models.resolve("obj_000002.ply").toString(),
                "--models-info", models.resolve("models_info.json").toString(),
                "--ism", "oracle-gt", "--pem", "oracle-gt", "--out", dir.resolve("o").toString());
        assertEquals(0, r.rc(), r.out());
        assertThat(r.out()).contains("2 detection(s)", "2 pose(s)", "obj_000001", "obj_000002");
        assertTrue(Files.size(dir.resolve("o").resolve("overlay.png")) > 10_000);
        JsonNode res = new ObjectMapper().readTree(dir.resolve("o").resolve("result.json").toFile());
        assertEquals(2, res.get("detections").size());
        assertEquals(2, res.get("poses").size());
        assertEquals(List.of(480, 640), List.of(res.get("detections").get(0).get("segmentation").get("size").get(0).asInt(),
                res.get("detections").get(0).get("segmentation").get("size").get(1).asInt()));
    }
}
