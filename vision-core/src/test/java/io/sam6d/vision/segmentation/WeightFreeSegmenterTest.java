package io.sam6d.vision.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import io.sam6d.vision.SharedData;
import io.sam6d.vision.detection.Detection;
import io.sam6d.vision.detection.SegmentationResult;
import io.sam6d.vision.geometry.MeshOps;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.ImageFiles;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.io.CameraFile;
import io.sam6d.vision.io.bop.BopDataset;
import io.sam6d.vision.io.bop.BopFrame;
import io.sam6d.vision.model.ObjectModel;
import io.sam6d.vision.model.PreparedModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link WeightFreeSegmenter} on real YCB-Video frames (ground truth from {@code label/}) and its warnings (the
 * rendered table with exact ground truth: vision-eval's {@code RenderedTableSegmentationTest}). Floors sit a little below what the benchmark measures.
 */
class WeightFreeSegmenterTest {

    private static final WeightFreeSegmenter SEGMENTER = new WeightFreeSegmenter();
    private static final Map<Integer, PreparedModel> PREPARED = new HashMap<>();
    private static BopDataset ycbv;

    @BeforeAll
    static void open() {
        ycbv = BopDataset.open(SharedData.ycbv());
    }

    private static PreparedModel ycbvModel(int objId) {
        return PREPARED.computeIfAbsent(objId, id -> SEGMENTER.prepare(new ObjectModel(String.format("obj_%06d", id),
                ycbv.model(id), ycbv.modelInfo(id).diameter(), List.of(), null)));
    }

    private static List<PreparedModel> allYcbvModels() {
        List<PreparedModel> all = new java.util.ArrayList<>();
        for (int id = 1; id <= 21; id++) {
            all.add(ycbvModel(id));
        }
        return all;
    }

    private static BopFrame frame(int scene, int image) {
        return ycbv.frames("test", scene).stream().filter(f -> f.imageId() == image).findFirst().orElseThrow();
    }

    private static RgbdFrame load(BopFrame f) {
        return new RgbdFrame(ImageFiles.readRgb(f.rgb()), ImageFiles.readDepth(f.depth(), f.depthScale()), f.camera());
    }

    private static Mask labelMask(BopFrame f, int objId) {
        RgbdFrame frame = load(f);
        int[] labels = ImageFiles.decodeLabels(ImageFiles.readBytes(f.label()), null);
        boolean[] m = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            m[i] = labels[i] == objId;
        }
        return new Mask(frame.width(), frame.height(), m);
    }

    @Test
    void isRegisteredAsAServiceNamedWeightFree() {
        List<String> names = ServiceLoader.load(Segmenter.class).stream().map(p -> p.get().name()).toList();
        assertThat(names).contains("weight-free");
    }

    @Test
    void configRejectsOutOfRangeSettingsNamingTheField() {
        ConfigWeightFreeSegmentation c = new ConfigWeightFreeSegmentation();
        c.minScore = 1.5;
        assertThatThrownBy(c::checkValidity).hasMessageContaining("minScore");
        ConfigWeightFreeSegmentation d = new ConfigWeightFreeSegmentation();
        d.viewCount = 2;
        assertThatThrownBy(() -> new WeightFreeSegmenter(d)).hasMessageContaining("viewCount");
        new ConfigWeightFreeSegmentation().checkValidity();
    }

    @Test
    void findsEachAnnotatedObjectOfARealFrameWithAGoodMask() {
        for (int[] sceneImage : new int[][] {{0, 1}, {1, 3}}) {
            BopFrame f = frame(sceneImage[0], sceneImage[1]);
            RgbdFrame frame = load(f);
            for (BopFrame.GtPose gt : f.gt()) {
                SegmentationResult res = SEGMENTER.segment(frame, List.of(ycbvModel(gt.objId())));
                assertThat(res.detections()).as("object %d in %s", gt.objId(), f.rgb()).isNotEmpty();
                Detection best = res.detections().get(0);
                double iou = best.mask().iou(labelMask(f, gt.objId()));
                assertThat(iou).as("mask IoU of object %d in %s", gt.objId(), f.rgb()).isGreaterThan(0.75);
                assertThat(best.score()).isBetween(0.0, 1.0);
                assertThat(best.coarsePose()).isNotNull();
                // the coarse pose lands on the object: its centre within a fifth of the diameter of the truth
                double[] c = MeshOps.boundsCenter(ycbv.model(gt.objId()));
                double[] found = best.coarsePose().apply(c[0], c[1], c[2]);
                double[] truth = gt.modelToCamera().apply(c[0], c[1], c[2]);
                double d = Math.sqrt(Math.pow(found[0] - truth[0], 2) + Math.pow(found[1] - truth[1], 2)
                        + Math.pow(found[2] - truth[2], 2));
                assertThat(d).as("coarse pose centre error of object %d, mm", gt.objId())
                        .isLessThan(0.2 * ycbv.modelInfo(gt.objId()).diameter());
                assertThat(best.templateViews()).isNotEmpty();
                assertThat(best.bbox()).containsExactly(best.mask().bbox());
            }
        }
    }

    @Test
    void objectsAbsentFromTheFrameGetNoDetection() {
        // scene 0 shows the gelatin box, the mug and the foam brick; scene 1 the can, two boxes and the mustard
        BopFrame f0 = frame(0, 2);
        RgbdFrame frame0 = load(f0);
        for (int absent : new int[] {1, 2, 5}) {
            assertThat(SEGMENTER.segment(frame0, List.of(ycbvModel(absent))).detections())
                    .as("absent object %d", absent).isEmpty();
        }
        BopFrame f1 = frame(1, 2);
        RgbdFrame frame1 = load(f1);
        for (int absent : new int[] {8, 14, 21}) {
            assertThat(SEGMENTER.segment(frame1, List.of(ycbvModel(absent))).detections())
                    .as("absent object %d", absent).isEmpty();
        }
    }

    @Test
    void allTwentyOneObjectsAskedAtOnceFindWhatIsThereAndNothingElse() {
        // how a user asks ("any of my objects"); with all 21 asked, the large marker (a thin cylinder) used to be laid
        // along an edge of this frame (minNormalAgreement)
        BopFrame f = frame(1, 5);
        List<String> found = SEGMENTER.segment(load(f), allYcbvModels()).detections().stream()
                .map(Detection::objectName).sorted().toList();
        assertThat(found).containsExactly("obj_000001", "obj_000002", "obj_000003", "obj_000005");
    }

    @Test
    void theBoxAndTheBlackClampOnADeskAreFoundWithAllTwentyOneAsked() {
        // real frame 3/138. The paper-covered desk spreads 280-310 mm in view, less than 1.3 times the cracker box's
        // diameter (269 mm) but more than 1.3 times the widest face of any asked object (the pitcher's, about
        // 190 mm): the support test compared it with the diameter and the gelatin box merged with the desk into one
        // proposal. The black extra large clamp loses depth along its outline; while the outline check looked only
        // one rim inward for its surface, its right pose scored 0.58 and a large clamp laid over it won.
        BopFrame f = frame(3, 138);
        List<Detection> found = SEGMENTER.segment(load(f), allYcbvModels()).detections();
        Detection box = found.stream().filter(d -> d.objectName().equals("obj_000008")).findFirst().orElseThrow();
        assertThat(box.mask().iou(labelMask(f, 8))).isGreaterThan(0.75);
        Detection clamp = found.stream().filter(d -> d.objectName().equals("obj_000020")).findFirst().orElseThrow();
        assertThat(clamp.mask().iou(labelMask(f, 20))).isGreaterThan(0.5);
        assertThat(found).noneMatch(d -> d.objectName().equals("obj_000019"));
    }

    @Test
    void theWidestFaceOfAModelIsItsMiddleExtent() {
        // the gelatin box is about 30 x 75 x 90 mm along its own axes (its mesh's principal axes; models_info's
        // 30 x 89 x 101 are the bounds along the model frame's axes, which the box sits turned in)
        assertThat(((WeightFreeModel) ycbvModel(8)).widestFaceMm).isBetween(70.0, 78.0);
        assertThat(((WeightFreeModel) ycbvModel(8)).diameterMm).isGreaterThan(110.0);
    }

    @Test
    void aDepthScaleOffByAThousandIsReportedWithTheFix() {
        BopFrame f = frame(0, 1);
        RgbdFrame real = load(f);
        float[] mm = real.depth().mm();
        float[] metres = new float[mm.length];
        float[] micro = new float[mm.length];
        for (int i = 0; i < mm.length; i++) {
            metres[i] = mm[i] / 1000;
            micro[i] = mm[i] * 1000;
        }
        int w = real.width(), h = real.height();
        SegmentationResult inMetres = SEGMENTER.segment(new RgbdFrame(real.rgb(), new DepthImage(w, h, metres),
                real.camera()), List.of(ycbvModel(8)));
        assertThat(inMetres.warnings()).anySatisfy(s -> assertThat(s).contains("0.6").contains("metres")
                .contains("multiply depth_scale by 1000"));
        SegmentationResult tooFar = SEGMENTER.segment(new RgbdFrame(real.rgb(), new DepthImage(w, h, micro),
                real.camera()), List.of(ycbvModel(8)));
        assertThat(tooFar.warnings()).anySatisfy(s -> assertThat(s).contains("631 m").contains("multiply depth_scale by 0.001"));
        assertThat(SEGMENTER.segment(real, List.of(ycbvModel(8))).warnings()).isEmpty();
    }

    private static RgbdFrame lmoFrame() {
        java.nio.file.Path dir = SharedData.lmoExample();
        CameraFile cam = CameraFile.read(dir.resolve("camera.json"));
        return new RgbdFrame(ImageFiles.readRgb(dir.resolve("rgb.png")),
                ImageFiles.readDepth(dir.resolve("depth.png"), cam.depthScale()), cam.intrinsics());
    }

    @Test
    void findsTheCanOfTheClutteredLmoFrameWhereSam6dDid() throws Exception {
        java.nio.file.Path dir = SharedData.lmoExample();
        RgbdFrame frame = lmoFrame();
        double diameter = BopDataset.open(SharedData.lmoModels()).modelInfo(5).diameter();
        PreparedModel can = SEGMENTER.prepare(new ObjectModel("obj_000005",
                io.sam6d.vision.io.MeshReader.read(dir.resolve("obj_000005.ply")), diameter, List.of(), null));
        SegmentationResult res = SEGMENTER.segment(frame, List.of(can));
        assertThat(res.detections()).hasSize(1);
        assertThat(res.warnings()).isEmpty();
        // SAM-6D's mask of the can: the green pixels in the right half of reference/vis_ism.png
        io.sam6d.vision.image.RgbImage ref = ImageFiles.readRgb(dir.resolve("reference").resolve("vis_ism.png"));
        int w = frame.width(), h = frame.height();
        boolean[] sam = new boolean[w * h];
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                int r = ref.at(u + w, v, 0), g = ref.at(u + w, v, 1), b = ref.at(u + w, v, 2);
                sam[v * w + u] = g > r + 60 && g > b + 60;
            }
        }
        double iou = res.detections().get(0).mask().iou(new Mask(w, h, sam));
        assertThat(iou).as("IoU with SAM-6D's mask of the can").isGreaterThan(0.6);
    }

    @Test
    void theHolepuncherStandingOnTheLmoBoardIsFoundThoughItsFootShowsNoEdge() {
        // the dark blue holepuncher stands on the board of the real LM-O frame (no ground truth: its box is at
        // x 250-330, y 282-357). Along its foot the sensor cannot separate it from the board (3 mm depth steps at
        // 1 m), and counted as "the surface goes on" those outline pixels kept its right pose at 0.55
        BopDataset lmo = BopDataset.open(SharedData.lmoModels());
        ObjectModel holepuncher = new ObjectModel("obj_000012", lmo.model(12), lmo.modelInfo(12).diameter(), List.of(),
                null);
        RgbdFrame frame = lmoFrame();
        List<Detection> found = SEGMENTER.segment(frame, List.of(SEGMENTER.prepare(holepuncher))).detections();
        assertThat(found).hasSize(1);
        Mask mask = found.get(0).mask();
        double r = 0, b = 0, u = 0, v = 0;
        int n = 0;
        for (int i = 0; i < frame.width() * frame.height(); i++) {
            if (mask.get(i % frame.width(), i / frame.width())) {
                r += frame.rgb().at(i % frame.width(), i / frame.width(), 0);
                b += frame.rgb().at(i % frame.width(), i / frame.width(), 2);
                u += i % frame.width();
                v += i / frame.width();
                n++;
            }
        }
        assertThat(u / n).isBetween(260.0, 320.0);
        assertThat(v / n).isBetween(292.0, 347.0);
        assertThat(b / n).as("mean blue over mean red of the mask").isGreaterThan(1.5 * r / n);

        ConfigWeightFreeSegmentation noBand = new ConfigWeightFreeSegmentation();
        noBand.contactBandPlaneTols = 0;
        WeightFreeSegmenter without = new WeightFreeSegmenter(noBand);
        assertThat(without.segment(frame, List.of(without.prepare(holepuncher))).detections()).isEmpty();
    }

    @Test
    void aPointSetModelIsPreparedAndSearchedToo() {
        // YCB-Video's scissors (17) are points only; they are not in scene 1
        assertThat(ycbv.model(17).hasTriangles()).isFalse();
        PreparedModel scissors = ycbvModel(17);
        assertThat(scissors.memoryBytes()).isPositive();
        assertThat(SEGMENTER.segment(load(frame(1, 1)), List.of(scissors)).detections()).isEmpty();
    }

    @Test
    void rejectsModelsPreparedByAnotherEngine() {
        PreparedModel foreign = new PreparedModel() {
            @Override
            public ObjectModel model() {
                return new ObjectModel("x", ycbv.model(8), 17.3, List.of(), null);
            }

            @Override
            public long memoryBytes() {
                return 0;
            }
        };
        assertThatThrownBy(() -> SEGMENTER.segment(load(frame(0, 1)), List.of(foreign)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weight-free");
    }

    @Test
    void sceneWideReferencesAreSharedFairlyAmongTheSurfaces() {
        // a large surface (label 0, 1000 points), a small piece (label 1, 30 points, 10 of them explained), a tiny
        // one (label 2, 5 points): the small ones keep all their unexplained points, the large one gets the rest
        int n = 1035;
        int[] pixels = new int[n];
        int[] label = new int[n];
        boolean[] explained = new boolean[n];
        for (int i = 0; i < n; i++) {
            pixels[i] = i;
            label[i] = i < 1000 ? 0 : i < 1030 ? 1 : 2;
            explained[i] = i >= 1000 && i < 1010;
        }
        io.sam6d.vision.pose.SceneCloud cloud = new io.sam6d.vision.pose.SceneCloud(new float[3 * n],
                new float[3 * n], pixels, n);
        for (double fairShare : new double[] {1, 0.5}) {
            io.sam6d.vision.pose.SceneCloud refs = WeightFreeSegmenter.fairReferences(cloud, explained, label, 100,
                    fairShare);
            int[] taken = refs.pixels();
            assertThat(taken).hasSize(100).isSorted().doesNotHaveDuplicates();
            assertThat(java.util.Arrays.stream(taken).filter(p -> p >= 1000 && p < 1030)).hasSize(20)
                    .allMatch(p -> p >= 1010);
            assertThat(java.util.Arrays.stream(taken).filter(p -> p >= 1030)).hasSize(5);
            // the large surface's 75 are spread over all of it, not its first points
            assertThat(java.util.Arrays.stream(taken).filter(p -> p < 1000).max().getAsInt()).isGreaterThan(960);
        }
        // nothing shared fairly: spread evenly, by area (the small pieces get about their 2.4 %)
        int[] even = WeightFreeSegmenter.fairReferences(cloud, explained, label, 100, 0).pixels();
        assertThat(java.util.Arrays.stream(even).filter(p -> p >= 1000)).hasSizeLessThan(5);

        // under the budget every unexplained point is a reference
        assertThat(WeightFreeSegmenter.fairReferences(cloud, explained, label, 5000, 0.5).size()).isEqualTo(n - 10);
    }
}
