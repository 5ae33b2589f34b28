package io.sam6d.vision.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.sam6d.vision.detection.Detection;
import io.sam6d.vision.detection.SegmentationResult;
import io.sam6d.vision.djl.pose.ConfigPemTorchScript;
import io.sam6d.vision.djl.pose.Sam6dPoseEstimator;
import io.sam6d.vision.djl.pose.TorchScriptPoseEstimator;
import io.sam6d.vision.djl.segmentation.ConfigIsmTorchScript;
import io.sam6d.vision.djl.segmentation.Sam6dSegmenter;
import io.sam6d.vision.djl.segmentation.TorchScriptSegmenter;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.ImageFiles;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.io.bop.BopDataset;
import io.sam6d.vision.io.bop.BopFrame;
import io.sam6d.vision.model.ObjectModel;
import io.sam6d.vision.model.ObjectModels;
import io.sam6d.vision.model.PreparedModel;
import io.sam6d.vision.pose.PoseResult;
import io.sam6d.vision.render.ConfigTemplateRendering;
import io.sam6d.vision.render.TemplateObject;
import io.sam6d.vision.render.TemplateRenderer;
import io.sam6d.vision.render.TemplateSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code sam6d-ism/2} and {@code sam6d-pem/2} engines on the small random-weight networks that
 * {@code tools/export-sam6d} writes, on a real YCB-Video frame (scene 1, image 1: objects 1, 2, 3, 5): shapes, dtypes,
 * caching and determinism. Random weights: what is found means nothing, so no accuracy is checked here.
 */
class Sam6dEnginesTest {

    @TempDir
    static Path dir;

    static Path networks;
    static BopFrame bop;
    static RgbdFrame frame;
    static ObjectModel cracker;
    static ObjectModel sugar;
    static Sam6dSegmenter ism;
    static Sam6dPoseEstimator pem;

    @BeforeAll
    static void setUp() {
        networks = Sam6dExport.smallNetworks();
        Path ycbv = Path.of(System.getProperty("sam6d.shared.dir"), "data/ycbv_real");
        BopDataset data = BopDataset.open(ycbv);
        bop = data.frames("test", 1).stream().filter(f -> f.imageId() == 1).findFirst().orElseThrow();
        frame = new RgbdFrame(ImageFiles.readRgb(bop.rgb()), ImageFiles.readDepth(bop.depth(), bop.depthScale()),
                bop.camera());
        cracker = object(data, 2);
        sugar = object(data, 3);

        ConfigIsmTorchScript ic = new ConfigIsmTorchScript();
        ic.modelPath = networks.resolve("sam6d_ism.pt");
        // random weights predict IoU and stability at random: let every mask through to exercise the whole pipeline
        ic.predIouThresh = 0;
        ic.stabilityScoreThresh = 0;
        ic.semanticThresh = 0;
        ic.pointsPerSide = 8;
        ic.modelPoints = 256;
        ism = (Sam6dSegmenter) TorchScriptSegmenter.load(ic);
        ConfigPemTorchScript pc = new ConfigPemTorchScript();
        pc.modelPath = networks.resolve("sam6d_pem.pt");
        pem = (Sam6dPoseEstimator) TorchScriptPoseEstimator.load(pc);
    }

    /** The object's mesh with 12 templates of 128 px rendered by the suite's renderer. */
    static ObjectModel object(BopDataset data, int objId) {
        String name = String.format("obj_%06d", objId);
        ConfigTemplateRendering rc = new ConfigTemplateRendering();
        rc.views = 12;
        rc.imageSize = 128;
        Path templates = dir.resolve("templates").resolve(name);
        TemplateRenderer.cpu(rc).render(data.model(objId), new TemplateObject("ycbv", name, name + ".ply"), templates,
                null);
        return ObjectModels.load(name, data.modelPath(objId), templates, 1.0);
    }

    @AfterAll
    static void close() {
        if (ism != null) {
            ism.close();
        }
        if (pem != null) {
            pem.close();
        }
    }

    @Test
    void enginesSayWhatTheyRun() {
        assertThat(ism.info().contract()).isEqualTo("sam6d-ism/2");
        assertThat(ism.info().details()).containsEntry("weights", "random").containsEntry("segmentor", "sam small")
                .containsEntry("descriptor", "small");
        assertThat(pem.info().contract()).isEqualTo("sam6d-pem/2");
        assertThat(pem.info().details()).containsEntry("weights", "random");
    }

    @Test
    void segmentsEveryAskedObjectFromOneSetOfProposals() {
        long prepared = ism.objectsPrepared();
        List<PreparedModel> models = List.of(ism.prepare(cracker), ism.prepare(sugar));
        assertThat(ism.objectsPrepared()).isEqualTo(prepared + 2);
        long encoded = ism.imagesEncoded();

        SegmentationResult r = ism.segment(frame, models);

        assertThat(ism.imagesEncoded()).isEqualTo(encoded + 1);
        // the random network of the fixed seed finds something, so every stage of the scoring runs
        assertThat(r.detections()).isNotEmpty();
        Set<Integer> views = TemplateSet.read(cracker.templateDir()).views().stream().map(v -> v.id())
                .collect(Collectors.toSet());
        for (Detection d : r.detections()) {
            assertThat(d.objectName()).isIn("obj_000002", "obj_000003");
            assertThat(d.score()).isBetween(0.0, 1.0);
            assertThat(d.mask().width()).isEqualTo(640);
            assertThat(d.mask().height()).isEqualTo(480);
            assertThat(d.mask().area()).isPositive();
            assertThat(d.bbox()).isEqualTo(d.mask().bbox());
            assertThat(d.templateViews()).hasSize(1);
            assertThat(views).contains(d.templateViews().get(0).viewId());
        }
        assertThat(r.detections()).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
        // same frame, same answer
        SegmentationResult again = ism.segment(frame, models);
        assertThat(again.detections()).hasSameSizeAs(r.detections());
        for (int i = 0; i < r.detections().size(); i++) {
            assertThat(again.detections().get(i).score()).isCloseTo(r.detections().get(i).score(), within(1e-5));
        }
    }

    @Test
    void anObjectWithoutTemplatesIsNotUsable() throws Exception {
        ObjectModel bare = new ObjectModel("bare", cracker.mesh(), cracker.diameterMm(), List.of(),
                Files.createDirectories(dir.resolve("empty")));
        assertThatThrownBy(() -> ism.prepare(bare)).isInstanceOf(ObjectNotUsableException.class)
                .hasMessageContaining("'bare'").hasMessageContaining("render");
        assertThatThrownBy(() -> pem.prepare(bare)).isInstanceOf(ObjectNotUsableException.class);
    }

    @Test
    void estimatesPosesFromCachedObjectFeatures() {
        long encoded = pem.objectsEncoded();
        PreparedModel model = pem.prepare(cracker);
        assertThat(pem.objectsEncoded()).isEqualTo(encoded + 1);
        Detection d = new Detection("obj_000002", 0.8, labelMask(2), labelMask(2).bbox(), List.of(), null);
        Detection tiny = new Detection("obj_000002", 0.8, new Mask(640, 480, new boolean[640 * 480]), new int[4],
                List.of(), null);

        List<PoseResult> poses = pem.estimate(frame, List.of(tiny, d, d), List.of(model), false);

        assertThat(pem.objectsEncoded()).isEqualTo(encoded + 1);
        assertThat(poses).extracting(PoseResult::detectionIndex).containsExactly(1, 2);
        for (PoseResult p : poses) {
            RigidTransform t = p.modelToCamera();
            double[] r = t.rotation();
            double det = r[0] * (r[4] * r[8] - r[5] * r[7]) - r[1] * (r[3] * r[8] - r[5] * r[6])
                    + r[2] * (r[3] * r[7] - r[4] * r[6]);
            assertThat(det).isCloseTo(1.0, within(1e-3));
            assertThat(java.util.Arrays.stream(t.translation()).allMatch(Double::isFinite)).isTrue();
            // the observed points are scaled by the object's radius and moved back: t stays near the object
            assertThat(t.t(2)).isBetween(200.0, 3000.0);
            assertThat(p.score()).isBetween(0.0, 0.8);
        }
        List<PoseResult> again = pem.estimate(frame, List.of(tiny, d, d), List.of(model), false);
        assertThat(again.get(0).modelToCamera().translation()).containsExactly(
                poses.get(0).modelToCamera().translation(), within(1e-6));
    }

    @Test
    void aFileOfTheOtherStageIsRefusedAtLoad() {
        ConfigIsmTorchScript ic = new ConfigIsmTorchScript();
        ic.modelPath = networks.resolve("sam6d_pem.pt");
        assertThatThrownBy(() -> TorchScriptSegmenter.load(ic)).isInstanceOf(ContractViolationException.class)
                .hasMessageContaining("follows sam6d-pem/2").hasMessageContaining("sam6d-ism/1 or sam6d-ism/2");
        ConfigPemTorchScript pc = new ConfigPemTorchScript();
        pc.modelPath = networks.resolve("sam6d_ism.pt");
        assertThatThrownBy(() -> TorchScriptPoseEstimator.load(pc)).isInstanceOf(ContractViolationException.class)
                .hasMessageContaining("follows sam6d-ism/2");
    }

    static Mask labelMask(int objId) {
        int[] size = new int[2];
        int[] labels = ImageFiles.decodeLabels(ImageFiles.readBytes(bop.label()), size);
        boolean[] bits = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            bits[i] = labels[i] == objId;
        }
        return new Mask(size[0], size[1], bits);
    }
}
