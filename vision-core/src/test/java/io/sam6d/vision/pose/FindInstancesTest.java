package io.sam6d.vision.pose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.geometry.MeshOps;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.image.MaskOps;
import io.sam6d.vision.model.ObjectModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The building blocks a segmenter uses: finding and verifying instances without a mask per instance. */
class FindInstancesTest {

    static final Mesh BOX = SyntheticScenes.box(90, 70, 60);
    static WeightFreePoseEstimator estimator;
    static PpfModel ell;
    static PpfModel box;
    static RigidTransform first;
    static RigidTransform second;
    static RigidTransform distractor;
    static SyntheticScenes.Scene scene;

    @BeforeAll
    static void render() {
        estimator = new WeightFreePoseEstimator();
        Mesh l = WeightFreePoseEstimatorTest.ELL;
        ell = estimator.prepare(new ObjectModel("ell", l, MeshOps.diameter(l), List.of(), null));
        box = estimator.prepare(new ObjectModel("box", BOX, MeshOps.diameter(BOX), List.of(), null));
        first = RigidTransform.fromAxisAngle(1, 0.4, 0.2, 2.2, new double[] {-120, -40, 620});
        second = RigidTransform.fromAxisAngle(-0.3, 1, 0.5, 1.1, new double[] {110, 30, 650});
        distractor = RigidTransform.fromAxisAngle(0.2, 0.1, 1, 0.7, new double[] {0, 90, 600});
        scene = SyntheticScenes.renderAll(List.of(l, l, BOX), List.of(first, second, distractor), 760, 0.5, 5);
    }

    @Test
    void findsBothInstancesInTheWholeFrameAndNotTheDistractor() {
        List<ScoredPose> found = estimator.findInstances(ell, scene.depth(), SyntheticScenes.CAMERA, null, 5, 0.3);
        assertThat(found.size()).isGreaterThanOrEqualTo(2);
        for (RigidTransform gt : List.of(first, second)) {
            assertThat(found.subList(0, 2)).anyMatch(s -> Math.toDegrees(s.modelToCamera().rotationAngleTo(gt)) < 2
                    && s.modelToCamera().translationDistanceTo(gt) < 2);
        }
        double weakestTrue = Math.min(found.get(0).score().score(), found.get(1).score().score());
        assertThat(weakestTrue).isGreaterThan(0.85);
        for (ScoredPose other : found.subList(2, found.size())) {
            assertThat(other.score().score()).isLessThan(weakestTrue - 0.2);
        }
    }

    @Test
    void searchesARegionAndReturnsItsInstanceMask() {
        Mask region = MaskOps.dilate(scene.masks().get(1), 20);
        List<ScoredPose> found = estimator.findInstances(ell, scene.depth(), SyntheticScenes.CAMERA, region, 1, 0.5);
        assertThat(found).hasSize(1);
        RigidTransform pose = found.get(0).modelToCamera();
        assertThat(Math.toDegrees(pose.rotationAngleTo(second))).isLessThan(2);
        Mask visible = PoseOps.visibleMask(ell, pose, scene.depth(), SyntheticScenes.CAMERA, 10);
        assertThat(visible.iou(scene.masks().get(1))).isGreaterThan(0.9);
    }

    @Test
    void estimateInstanceVerifiesARegionWithItsMask() {
        PoseResult r = estimator.estimateInstance(box, scene.depth(), SyntheticScenes.CAMERA, scene.masks().get(2),
                null, false);
        // a box has symmetric poses: compare the surfaces instead of the rotations
        float[] pts = box.densePoints();
        assertThat(PoseAccuracy.adds(pts, r.modelToCamera(), distractor)).isLessThan(2);
        assertThat(r.score()).isGreaterThan(0.85);
        // the L-shaped model does not fit the box's region
        PoseResult wrong = estimator.estimateInstance(ell, scene.depth(), SyntheticScenes.CAMERA, scene.masks().get(2),
                null, false);
        assertThat(wrong.score()).isLessThan(r.score() - 0.15);
    }

    @Test
    void poseSunkIntoTheTableScoresLowWithoutMask() {
        // the box's top face lying in the background plane, the rest hidden behind it: the depth agrees everywhere
        double k = 0.3;
        double[] toCamera = {0, k / Math.sqrt(1 + k * k), -1 / Math.sqrt(1 + k * k)};
        // rotation taking model +z to the plane normal that faces the camera
        RigidTransform turn = RigidTransform.fromAxisAngle(1, 0, 0, Math.PI + Math.atan(k), new double[3]);
        double[] nz = turn.rotate(0, 0, 1);
        assertThat(nz[1]).isCloseTo(toCamera[1], org.assertj.core.data.Offset.offset(1e-9));
        double y = -150;
        double[] onPlane = {-200, y, SyntheticScenes.planeDepthAt(760, y)};
        double[] t = {onPlane[0] - 30 * nz[0], onPlane[1] - 30 * nz[1], onPlane[2] - 30 * nz[2]};
        RigidTransform sunk = new RigidTransform(turn.rotation(), t);
        PoseScorer scorer = new PoseScorer().setObservation(scene.depth(), SyntheticScenes.CAMERA, null);
        PoseScore s = scorer.score(box, sunk);
        assertThat(s.depthFit()).isGreaterThan(0.8);
        assertThat(s.edgeSupport()).isLessThan(0.2);
        assertThat(s.score()).isLessThan(0.6);
        assertThat(scorer.score(box, distractor).score()).isGreaterThan(0.85);
    }
}
