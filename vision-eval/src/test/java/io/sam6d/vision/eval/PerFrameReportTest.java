package io.sam6d.vision.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sam6d.vision.SharedData;
import io.sam6d.vision.detection.Detection;
import io.sam6d.vision.detection.SegmentationResult;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.io.bop.BopDataset;
import io.sam6d.vision.io.bop.BopFrame;
import io.sam6d.vision.model.ObjectModel;
import io.sam6d.vision.model.PreparedModel;
import io.sam6d.vision.pose.PoseEstimator;
import io.sam6d.vision.pose.PoseResult;
import io.sam6d.vision.segmentation.Segmenter;
import io.sam6d.vision.synthetic.TinyClutterSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-frame report, the false-detection rate with every object asked for, and the pictures of misses, on a
 * fixed tiny cluttered synthetic set with engines whose mistakes are known: on every frame the segmentation misses
 * ground-truth instance 0 and detects one absent object, and the pose engine puts instance 1 a third of its
 * diameter off.
 */
class PerFrameReportTest {

    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    @TempDir
    static Path out;

    static BenchmarkReport report;
    static List<BopFrame> frames;

    @BeforeAll
    static void run() {
        Path root = TinyClutterSet.get();
        // the set's ground truth, and all 21 YCB-Video objects to ask for
        DatasetObjects objects = BenchmarkCommand.objects(root, SharedData.ycbv().resolve("models"), null, null);
        frames = new ArrayList<>();
        for (int scene : objects.dataset().scenes("test")) {
            frames.addAll(objects.dataset().frames("test", scene));
        }
        ConfigBenchmark cfg = new ConfigBenchmark();
        cfg.queryAll = true;
        cfg.overlays = true;
        Scripted engines = new Scripted(root);
        report = new BenchmarkRunner(objects, engines, engines, cfg).run(out, QUIET);
    }

    @Test
    void everyFrameCountsItsInstancesFindsFalseDetectionsAndPoses() {
        assertThat(report.frameRows()).hasSize(frames.size()).hasSize(4);
        int instances = 0, found = 0, hits = 0;
        for (int i = 0; i < frames.size(); i++) {
            BopFrame f = frames.get(i);
            BenchmarkReport.FrameRow row = report.frameRows().get(i);
            boolean[] valid = BenchmarkRunner.validTargets(f);
            int n = 0, expectFound = 0, expectHits = 0;
            for (int g = 0; g < valid.length; g++) {
                n += valid[g] ? 1 : 0;
                expectFound += valid[g] && g != 0 ? 1 : 0;
                expectHits += valid[g] && g >= 2 ? 1 : 0;
            }
            assertThat(row.sceneId()).isEqualTo(f.sceneId());
            assertThat(row.imageId()).isEqualTo(f.imageId());
            assertEquals(21, row.queried());
            assertEquals(n, row.instances());
            assertEquals(expectFound, row.found());
            assertEquals(1, row.falseDetections());
            assertEquals(1, row.absentDetections());
            assertEquals(n, row.targets());
            assertEquals(expectHits, row.addHits());
            assertThat(row.recall()).isEqualTo(n == 0 ? Double.NaN : expectFound / (double) n);
            instances += n;
            found += expectFound;
            hits += expectHits;
        }
        assertEquals(instances, report.overall().instances());
        assertEquals(found / (double) instances, report.overall().detRecall(), 1e-12);
        assertEquals(hits / (double) instances, report.overall().addRecall(), 1e-12);
    }

    @Test
    void theFalseDetectionRateIsPerAbsentObjectQuery() {
        // 21 objects asked on each of 4 frames, 3 of them present: 72 absent-object queries, one detection each frame
        assertEquals(72, report.overall().absentQueries());
        assertEquals(4, report.overall().absentDetections());
        assertEquals(4 / 72.0, report.overall().falseDetectionRate(), 1e-12);
        // the scripted engine always names the lowest absent object, 1: asked 4 times, detected 4 times
        BenchmarkReport.Row one = report.rows().stream().filter(r -> r.objId() == 1).findFirst().orElseThrow();
        assertEquals(4, one.absentQueries());
        assertEquals(1.0, one.falseDetectionRate());
        BenchmarkReport.Row two = report.rows().stream().filter(r -> r.objId() == 2).findFirst().orElseThrow();
        assertEquals(0.0, two.falseDetectionRate());
    }

    @Test
    void theSummaryTheCsvAndThePicturesHoldTheFrames() throws Exception {
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("all", summary.get("queries").asText());
        assertEquals(4, summary.get("frames_detail").size());
        assertEquals(1, summary.get("frames_detail").get(0).get("false_detections").asInt());
        assertEquals(4 / 72.0, summary.get("overall").get("false_detection_rate").asDouble(), 1e-12);
        List<String> csv = Files.readAllLines(out.resolve("frames.csv"));
        assertThat(csv).hasSize(5);
        assertThat(csv.get(0)).startsWith("dataset,scene_id,im_id,queried,instances,found");
        for (BopFrame f : frames) {
            Path png = out.resolve("overlays").resolve(String.format("%06d_%06d.png", f.sceneId(), f.imageId()));
            BufferedImage img = ImageIO.read(png.toFile());
            assertThat(img.getWidth()).isEqualTo(160);
            // instance 0 is missed: its outline is red; the false detection is yellow
            if (BenchmarkRunner.validTargets(f)[0]) {
                assertThat(count(img, MissPicture.MISSED.getRGB())).as("red in %s", png).isPositive();
            }
            assertThat(count(img, MissPicture.FALSE.getRGB())).as("yellow in %s", png).isPositive();
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        report.print(new PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(buf.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("queries=all", "fd_rate", "false detections of absent objects: 4 in 72 queries (5.6 %)",
                        "frame", "ADD_ok", "synthetic, seed 7 (tuning seed)");
    }

    @Test
    void datasetsArePooledWithTheirFramesAndObjects(@TempDir Path dir) {
        Path root = TinyClutterSet.get();
        DatasetObjects a = BenchmarkCommand.objects(root, SharedData.ycbv().resolve("models"), null, null);
        DatasetObjects b = new DatasetObjects(BopDataset.open(SharedData.ycbv()), null);
        ConfigBenchmark cfg = new ConfigBenchmark();
        cfg.maxFrames = 1;
        Scripted engines = new Scripted(root);
        BenchmarkRunner.Gathered ga = new BenchmarkRunner(a, engines, engines, cfg).gather(dir.resolve("a"), QUIET);
        BenchmarkRunner.Gathered gb = new BenchmarkRunner(b, new OracleSegmenter(), new OraclePoseEstimator(), cfg)
                .gather(dir.resolve("b"), QUIET);
        BenchmarkReport all = BenchmarkRunner.combine(List.of(ga, gb));
        assertEquals(2, all.frames());
        assertThat(all.frameRows().stream().map(BenchmarkReport.FrameRow::dataset)).containsExactly("set", "ycbv_real");
        assertEquals(BenchmarkRunner.report(ga).overall().instances() + BenchmarkRunner.report(gb).overall().instances(),
                all.overall().instances());
        assertThat(all.rows()).isNotEmpty();
        assertThat(BenchmarkRunner.sameObjects(a, new DatasetObjects(BopDataset.open(SharedData.lmoModels()), null)))
                .isFalse();
    }

    private static int count(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += (img.getRGB(x, y) & 0xFFFFFF) == (rgb & 0xFFFFFF) ? 1 : 0;
            }
        }
        return n;
    }

    /**
     * Both engines at once: segmentation from the ground truth without instance 0 and with one detection of the
     * lowest absent object; poses from the ground truth with instance 1 moved a third of its diameter.
     */
    private static final class Scripted implements Segmenter, PoseEstimator {
        private final GroundTruthIndex index;
        /** the instance each ground-truth detection came from */
        private final Map<Mask, Integer> instanceOf = new IdentityHashMap<>();

        Scripted(Path root) {
            this.index = GroundTruthIndex.of(root);
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public PreparedModel prepare(ObjectModel model) {
            return new OracleSegmenter.Prepared(model);
        }

        @Override
        public SegmentationResult segment(RgbdFrame frame, List<PreparedModel> models) {
            BopFrame bf = index.frameOf(frame.rgb());
            GtMasks masks = GtMasks.load(bf, frame.width(), frame.height(), frame.depth(), index.objects::evalModel);
            List<Detection> out = new ArrayList<>();
            for (int g = 1; g < bf.gt().size(); g++) {
                Mask m = masks.masks().get(g);
                if (m.area() > 0) {
                    instanceOf.put(m, g);
                    out.add(new Detection(DatasetObjects.name(bf.gt().get(g).objId()), 0.9, m, m.bbox(), List.of(),
                            null));
                }
            }
            String absent = models.stream().map(p -> p.model().name())
                    .filter(n -> bf.gt().stream().noneMatch(g -> DatasetObjects.name(g.objId()).equals(n)))
                    .sorted().findFirst().orElseThrow();
            boolean[] bits = new boolean[frame.width() * frame.height()];
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 4; x++) {
                    bits[y * frame.width() + x] = true;
                }
            }
            Mask square = new Mask(frame.width(), frame.height(), bits);
            out.add(new Detection(absent, 0.3, square, square.bbox(), List.of(), null));
            return new SegmentationResult(out, List.of());
        }

        @Override
        public List<PoseResult> estimate(RgbdFrame frame, List<Detection> detections, List<PreparedModel> models,
                boolean keepRejected) {
            BopFrame bf = index.frameOf(frame.rgb());
            List<PoseResult> out = new ArrayList<>();
            for (int i = 0; i < detections.size(); i++) {
                Integer g = instanceOf.get(detections.get(i).mask());
                if (g == null) {
                    continue;
                }
                RigidTransform truth = bf.gt().get(g).modelToCamera();
                double[] t = truth.translation();
                if (g == 1) {
                    String name = detections.get(i).objectName();
                    double diameter = models.stream().filter(p -> p.model().name().equals(name))
                            .findFirst().orElseThrow().model().diameterMm();
                    t[0] += diameter / 3;
                }
                out.add(new PoseResult(i, detections.get(i).objectName(), new RigidTransform(truth.rotation(), t), 0.9,
                        List.of()));
            }
            return out;
        }
    }
}
