package io.sam6d.vision.pose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import java.util.ServiceLoader;

import io.sam6d.vision.detection.Detection;
import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.geometry.MeshOps;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.image.MaskOps;
import io.sam6d.vision.image.RgbImage;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.model.ObjectModel;
import io.sam6d.vision.model.PreparedModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WeightFreePoseEstimatorTest {

    static final Mesh ELL = SyntheticScenes.lPrism(120, 80, 40, 50);
    static final ObjectModel MODEL = new ObjectModel("ell", ELL, MeshOps.diameter(ELL), List.of(), null);
    static WeightFreePoseEstimator estimator;
    static PpfModel prepared;

    @BeforeAll
    static void prepare() {
        estimator = new WeightFreePoseEstimator();
        prepared = estimator.prepare(MODEL);
    }

    static RgbdFrame rgbd(SyntheticScenes.Frame f) {
        return new RgbdFrame(RgbImage.blank(f.depth().width(), f.depth().height()), f.depth(), SyntheticScenes.CAMERA);
    }

    static Detection detection(Mask mask) {
        return new Detection("ell", 1.0, mask, mask.bbox(), List.of(), null);
    }

    @Test
    void recoversSyntheticPosesWithinTolerance() {
        Random rnd = new Random(11);
        for (int k = 0; k < 4; k++) {
            RigidTransform gt = SyntheticScenes.randomPose(rnd, -40 + 25 * k, 20 - 10 * k, 550 + 30 * k);
            SyntheticScenes.Frame f = SyntheticScenes.render(ELL, gt, 0.5, 100 + k);
            List<PoseResult> res = estimator.estimate(rgbd(f), List.of(detection(f.mask())), List.of(prepared), false);
            assertThat(res).hasSize(1);
            PoseResult r = res.get(0);
            assertThat(r.detectionIndex()).isZero();
            assertThat(r.objectName()).isEqualTo("ell");
            assertThat(Math.toDegrees(r.modelToCamera().rotationAngleTo(gt))).as("rotation error, deg").isLessThan(2);
            assertThat(r.modelToCamera().translationDistanceTo(gt)).as("translation error, mm").isLessThan(2);
            assertThat(r.score()).isGreaterThan(0.8);
            assertThat(r.rejected()).isEmpty();
        }
    }

    @Test
    void toleratesMasksThatAreTooSmallOrTooLarge() {
        RigidTransform gt = SyntheticScenes.randomPose(new Random(5), 10, -15, 600);
        SyntheticScenes.Frame f = SyntheticScenes.render(ELL, gt, 0.5, 7);
        for (Mask m : List.of(MaskOps.erode(f.mask(), 5), MaskOps.dilate(f.mask(), 8))) {
            PoseResult r = estimator.estimate(rgbd(f), List.of(detection(m)), List.of(prepared), false).get(0);
            assertThat(Math.toDegrees(r.modelToCamera().rotationAngleTo(gt))).isLessThan(2);
            assertThat(r.modelToCamera().translationDistanceTo(gt)).isLessThan(2);
        }
    }

    @Test
    void keepRejectedReturnsTheOtherHypothesesBestFirst() {
        RigidTransform gt = SyntheticScenes.randomPose(new Random(3), 0, 0, 620);
        SyntheticScenes.Frame f = SyntheticScenes.render(ELL, gt, 0.5, 3);
        PoseResult r = estimator.estimate(rgbd(f), List.of(detection(f.mask())), List.of(prepared), true).get(0);
        assertThat(r.rejected()).isNotEmpty();
        double prev = r.score();
        for (PoseResult.Hypothesis h : r.rejected()) {
            assertThat(h.score()).isLessThanOrEqualTo(prev);
            assertThat(h.stage()).isIn(WeightFreePoseEstimator.STAGE_VOTING, WeightFreePoseEstimator.STAGE_REFINED);
            prev = h.score();
        }
        assertThat(r.rejected()).anyMatch(h -> h.stage().equals(WeightFreePoseEstimator.STAGE_VOTING));
    }

    @Test
    void startsFromTheDetectionsCoarsePose() {
        RigidTransform gt = SyntheticScenes.randomPose(new Random(8), 20, 10, 580);
        SyntheticScenes.Frame f = SyntheticScenes.render(ELL, gt, 0.5, 8);
        RigidTransform coarse = SyntheticScenes.perturb(gt, new double[] {0.3, 1, 0.2}, 8, new double[] {6, -5, 8});
        Detection d = new Detection("ell", 1.0, f.mask(), f.mask().bbox(), List.of(), coarse);
        PoseResult r = estimator.estimate(rgbd(f), List.of(d), List.of(prepared), true).get(0);
        assertThat(r.rejected()).anyMatch(h -> h.stage().equals(WeightFreePoseEstimator.STAGE_COARSE));
        assertThat(Math.toDegrees(r.modelToCamera().rotationAngleTo(gt))).isLessThan(2);
    }

    @Test
    void skipsDetectionsOfUnknownObjectsOrWithoutDepth() {
        RigidTransform gt = SyntheticScenes.randomPose(new Random(4), 0, 0, 600);
        SyntheticScenes.Frame f = SyntheticScenes.render(ELL, gt, 0.5, 4);
        Mask empty = new Mask(f.mask().width(), f.mask().height(), new boolean[f.mask().width() * f.mask().height()]);
        Detection other = new Detection("unknown", 1.0, f.mask(), f.mask().bbox(), List.of(), null);
        List<PoseResult> res = estimator.estimate(rgbd(f), List.of(other, detection(empty), detection(f.mask())),
                List.of(prepared), false);
        assertThat(res).hasSize(1);
        assertThat(res.get(0).detectionIndex()).isEqualTo(2);
    }

    @Test
    void detectionsEstimatedInParallelGiveTheSerialResultsInOrder() {
        Random rnd = new Random(21);
        RigidTransform gt = SyntheticScenes.randomPose(rnd, 0, 0, 600);
        SyntheticScenes.Frame f = SyntheticScenes.render(ELL, gt, 0.5, 21);
        // the same instance under four masks of different sizes: four detections with four somewhat different answers
        List<Detection> dets = List.of(detection(f.mask()), detection(MaskOps.erode(f.mask(), 3)),
                detection(MaskOps.dilate(f.mask(), 4)), detection(MaskOps.erode(f.mask(), 6)));
        ConfigWeightFreePose serial = estimator.config();
        serial.parallel = false;
        List<PoseResult> one = new WeightFreePoseEstimator(serial).estimate(rgbd(f), dets, List.of(prepared), false);
        List<PoseResult> all = estimator.estimate(rgbd(f), dets, List.of(prepared), false);
        assertThat(all).hasSameSizeAs(one).hasSize(4);
        for (int i = 0; i < one.size(); i++) {
            assertThat(all.get(i).detectionIndex()).isEqualTo(one.get(i).detectionIndex()).isEqualTo(i);
            assertThat(all.get(i).score()).isEqualTo(one.get(i).score());
            assertThat(all.get(i).modelToCamera().rotation()).containsExactly(one.get(i).modelToCamera().rotation());
            assertThat(all.get(i).modelToCamera().translation())
                    .containsExactly(one.get(i).modelToCamera().translation());
        }
    }

    @Test
    void rejectsModelsPreparedByAnotherEngine() {
        PreparedModel foreign = new PreparedModel() {
            @Override
            public ObjectModel model() {
                return MODEL;
            }

            @Override
            public long memoryBytes() {
                return 0;
            }
        };
        SyntheticScenes.Frame f = SyntheticScenes.render(ELL, SyntheticScenes.randomPose(new Random(1), 0, 0, 600), 0, 1);
        assertThatThrownBy(() -> estimator.estimate(rgbd(f), List.of(detection(f.mask())), List.of(foreign), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ell");
    }

    @Test
    void isRegisteredAsService() {
        assertThat(ServiceLoader.load(PoseEstimator.class).stream().map(p -> p.get().name()))
                .contains("weight-free");
    }

    @Test
    void preparedModelReportsItsContents() {
        assertThat(prepared.model()).isSameAs(MODEL);
        assertThat(prepared.memoryBytes()).isGreaterThan(100_000);
        assertThat(prepared.samplingStepMm()).isEqualTo(0.05 * MODEL.diameterMm(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(prepared.densePoints().length / 3).isBetween(5000, 20000);
    }

    @Test
    void invalidSettingsAreRefused() {
        ConfigWeightFreePose c = new ConfigWeightFreePose();
        c.ppf.angleBins = 40;
        assertThatThrownBy(() -> new WeightFreePoseEstimator(c)).isInstanceOf(IllegalArgumentException.class);
        ConfigWeightFreePose d = new ConfigWeightFreePose();
        d.icp.maxDistanceRel = new double[] {0.1};
        assertThatThrownBy(d::checkValidity).isInstanceOf(IllegalArgumentException.class);
        ConfigWeightFreePose e = new ConfigWeightFreePose();
        e.minScore = 2;
        assertThatThrownBy(e::checkValidity).isInstanceOf(IllegalArgumentException.class);
        new ConfigWeightFreePose().checkValidity();
    }
}
