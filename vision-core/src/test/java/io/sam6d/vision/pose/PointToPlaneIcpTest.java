package io.sam6d.vision.pose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import io.sam6d.vision.geometry.MeshOps;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.MaskOps;
import io.sam6d.vision.model.ObjectModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PointToPlaneIcpTest {

    static PpfModel model;
    static WeightFreePoseEstimator estimator = new WeightFreePoseEstimator();

    @BeforeAll
    static void prepare() {
        model = estimator.prepare(new ObjectModel("ell", WeightFreePoseEstimatorTest.ELL,
                MeshOps.diameter(WeightFreePoseEstimatorTest.ELL), List.of(), null));
    }

    @Test
    void convergesFromPerturbedStarts() {
        Random rnd = new Random(21);
        PointToPlaneIcp icp = new PointToPlaneIcp();
        for (int k = 0; k < 5; k++) {
            RigidTransform gt = SyntheticScenes.randomPose(rnd, 15 * k - 30, 10, 600);
            SyntheticScenes.Frame f = SyntheticScenes.render(WeightFreePoseEstimatorTest.ELL, gt, 0.5, 40 + k);
            SceneCloud cloud = estimator.refinementCloud(model, f.depth(), SyntheticScenes.CAMERA, f.mask());
            // 10 degrees about a random axis and 12 mm off
            double[] dt = {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()};
            double len = Math.sqrt(dt[0] * dt[0] + dt[1] * dt[1] + dt[2] * dt[2]);
            for (int d = 0; d < 3; d++) {
                dt[d] *= 12 / len;
            }
            RigidTransform start = SyntheticScenes.perturb(gt,
                    new double[] {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()}, 10, dt);
            IcpResult r = icp.refine(model, cloud, start);
            assertThat(Math.toDegrees(r.modelToCamera().rotationAngleTo(gt))).as("rotation error").isLessThan(0.5);
            assertThat(r.modelToCamera().translationDistanceTo(gt)).as("translation error").isLessThan(1.5);
            assertThat(r.rmsMm()).isLessThan(1.5);
            assertThat(r.inlierFraction()).isGreaterThan(0.9);
        }
    }

    @Test
    void toleratesBackgroundPointsInAnOversizedRegion() {
        RigidTransform gt = SyntheticScenes.randomPose(new Random(2), 0, 0, 600);
        SyntheticScenes.Frame f = SyntheticScenes.render(WeightFreePoseEstimatorTest.ELL, gt, 0.5, 2);
        SceneCloud cloud = estimator.refinementCloud(model, f.depth(), SyntheticScenes.CAMERA, MaskOps.dilate(f.mask(), 15));
        RigidTransform start = SyntheticScenes.perturb(gt, new double[] {1, 0, 0}, 6, new double[] {5, 5, -5});
        IcpResult r = new PointToPlaneIcp().refine(model, cloud, start);
        assertThat(Math.toDegrees(r.modelToCamera().rotationAngleTo(gt))).isLessThan(1);
        assertThat(r.modelToCamera().translationDistanceTo(gt)).isLessThan(1);
        assertThat(r.inlierFraction()).isLessThan(0.9);
    }

    @Test
    void dampedSolveLeavesUnconstrainedDirectionsAlone() {
        // only the z translation is observed
        double[] h = new double[36];
        h[6 * 5 + 5] = 4;
        double[] g = {0, 0, 0, 0, 0, 2};
        double[] delta = new double[6];
        assertThat(PointToPlaneIcp.solveDamped(h, g, delta)).isTrue();
        assertThat(delta[5]).isCloseTo(-0.5, org.assertj.core.data.Offset.offset(1e-5));
        for (int i = 0; i < 5; i++) {
            assertThat(delta[i]).isZero();
        }
    }
}
