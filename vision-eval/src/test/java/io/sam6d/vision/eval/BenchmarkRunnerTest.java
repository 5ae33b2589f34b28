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
import io.sam6d.vision.detection.Detection;
import io.sam6d.vision.detection.SegmentationResult;
import io.sam6d.vision.eval.bop.BopEstimate;
import io.sam6d.vision.eval.bop.BopResults;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.io.bop.BopDataset;
import io.sam6d.vision.model.PreparedModel;
import io.sam6d.vision.segmentation.Segmenter;

/** The runner on the real YCB-Video frames with ground-truth engines: every metric must come out exact. */
class BenchmarkRunnerTest {

    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    /** Shared so the meshes are read once for the class. */
    private static final DatasetObjects YCBV = new DatasetObjects(BopDataset.open(SharedData.ycbv()), null);

    private static DatasetObjects ycbv() {
        return YCBV;
    }

    @Test
    void groundTruthEnginesScoreOneEverywhere(@TempDir Path out) throws Exception {
        ConfigBenchmark cfg = new ConfigBenchmark();
        // scene 3's mug has no pixel in its label image (hidden at the border): no oracle could find it
        cfg.scenes = List.of(0, 1);
        BenchmarkRunner runner = new BenchmarkRunner(ycbv(), new OracleSegmenter(), new OraclePoseEstimator(), cfg);
        BenchmarkReport r = runner.run(out, QUIET);

        assertEquals(15, r.frames(), "scene 0: 10 frames, scene 1: 5");
        assertEquals(0, r.failedFrames());
        BenchmarkReport.Row all = r.overall();
        assertEquals(50, all.targets(), "3 objects x 10 frames + 4 objects x 5 frames");
        assertEquals(50, all.instances());
        assertEquals(1.0, all.detRecall());
        assertEquals(1.0, all.detPrecision());
        assertEquals(1.0, all.maskIou());
        assertEquals(1.0, all.addRecall());
        assertEquals(1.0, all.arMssd());
        assertEquals(1.0, all.arMspd());
        assertEquals(1.0, all.ar());
        assertEquals(7, r.rows().size());
        assertTrue(r.rows().stream().filter(row -> row.objId() == 21).findFirst().orElseThrow().addS(),
                "the foam brick is symmetric_adds");
        assertEquals(15, r.ismTiming().frames());
        assertEquals(15, r.pemTiming().frames());

        List<BopEstimate> csv = BopResults.readCsv(out.resolve(runner.resultsFileName()));
        assertEquals(50, csv.size());
        assertThat(runner.resultsFileName()).isEqualTo("sam6d-oracle-gt-oracle-gt_ycbv-real-test.csv");
        assertTrue(csv.stream().allMatch(e -> e.timeSec() >= 0));
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(1.0, summary.get("overall").get("ar").asDouble());
        assertEquals(15, summary.get("frames_detail").size());
        assertTrue(r.frameRows().stream().allMatch(f -> f.found() == f.instances() && f.addHits() == f.targets()
                && f.falseDetections() == 0));
        assertEquals(7, summary.get("objects").size());
        assertEquals(50, new ObjectMapper().readTree(out.resolve("errors.json").toFile()).size());
    }

    @Test
    void aPoseOffByASixthOfTheDiameterFailsAddAndPassesMssdFromPointTwo(@TempDir Path out) {
        ConfigBenchmark cfg = new ConfigBenchmark();
        cfg.scenes = List.of(1); // objects 1, 2, 3, 5: none symmetric, so the errors are exactly the shift
        cfg.maxFrames = 2;
        cfg.pemOnGtMasks = true;
        BenchmarkReport r = new BenchmarkRunner(ycbv(), null, new OraclePoseEstimator(0.17), cfg).run(out, QUIET);
        assertEquals(8, r.overall().targets());
        assertEquals(0.0, r.overall().addRecall());
        assertEquals(0.7, r.overall().arMssd(), 1e-12);
        assertTrue(r.overall().arMspd() < 1.0);
        assertTrue(Double.isNaN(r.overall().detRecall()), "no segmentation engine ran");
        assertEquals(0, r.ismTiming().frames());
    }

    @Test
    void detectionsOfAbsentObjectsAreFalsePositives(@TempDir Path out) {
        ConfigBenchmark cfg = new ConfigBenchmark();
        cfg.scenes = List.of(0);
        cfg.maxFrames = 2;
        cfg.absent = 2;
        Segmenter eager = new SeesEverything(new OracleSegmenter());
        BenchmarkReport r = new BenchmarkRunner(ycbv(), eager, null, cfg).run(out, QUIET);
        // per frame: 3 true instances found, and one false detection for each of the 2 absent objects
        assertEquals(6, r.overall().instances());
        assertEquals(10, r.overall().detections());
        assertEquals(1.0, r.overall().detRecall());
        assertEquals(0.6, r.overall().detPrecision(), 1e-12);
        assertTrue(Double.isNaN(r.overall().addRecall()), "no pose engine ran");
        assertTrue(Files.exists(out.resolve("summary.json")));
    }

    @Test
    void overlaysAreWrittenPerFrame(@TempDir Path out) {
        ConfigBenchmark cfg = new ConfigBenchmark();
        cfg.scenes = List.of(0);
        cfg.maxFrames = 1;
        cfg.overlays = true;
        new BenchmarkRunner(ycbv(), new OracleSegmenter(), new OraclePoseEstimator(), cfg).run(out, QUIET);
        assertTrue(Files.isRegularFile(out.resolve("overlays").resolve("000000_000001.png")));
    }

    @Test
    void absentObjectsAreDrawnReproduciblyAndNeverFromTheFrame() {
        ConfigBenchmark cfg = new ConfigBenchmark();
        cfg.absent = 3;
        DatasetObjects objs = ycbv();
        BenchmarkRunner runner = new BenchmarkRunner(objs, new OracleSegmenter(), null, cfg);
        var frame = objs.dataset().frames("test", 0).get(0);
        List<Integer> q = runner.queriedObjects(frame);
        assertEquals(List.of(8, 14, 21), q.subList(0, 3));
        assertEquals(6, q.size());
        assertThat(q.subList(3, 6)).doesNotContain(8, 14, 21).doesNotHaveDuplicates();
        assertEquals(q, runner.queriedObjects(frame));
    }

    /** Test wrapper: the oracle's detections plus a made-up one for every object it was asked about but did not find. */
    private static final class SeesEverything implements Segmenter {
        private final Segmenter inner;

        SeesEverything(Segmenter inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return "sees-everything";
        }

        @Override
        public PreparedModel prepare(io.sam6d.vision.model.ObjectModel model) {
            return inner.prepare(model);
        }

        @Override
        public SegmentationResult segment(RgbdFrame frame, List<PreparedModel> models) {
            List<Detection> dets = new ArrayList<>(inner.segment(frame, models).detections());
            for (PreparedModel m : models) {
                if (dets.stream().noneMatch(d -> d.objectName().equals(m.model().name()))) {
                    boolean[] bits = new boolean[frame.width() * frame.height()];
                    for (int i = 0; i < 400; i++) {
                        bits[i] = true;
                    }
                    Mask mask = new Mask(frame.width(), frame.height(), bits);
                    dets.add(new Detection(m.model().name(), 0.5, mask, mask.bbox(), List.of(), null));
                }
            }
            return new SegmentationResult(dets, List.of());
        }
    }

    static String run(String... args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
        int rc = BenchmarkCommand.run(args, ps, ps);
        return rc + "\n" + buf.toString(StandardCharsets.UTF_8);
    }
}
