package io.sam6d.vision.pose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import io.sam6d.vision.geometry.MeshOps;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.model.ObjectModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PoseScorerTest {

    static PpfModel model;

    @BeforeAll
    static void prepare() {
        model = PpfModel.build(new ObjectModel("ell", WeightFreePoseEstimatorTest.ELL,
                MeshOps.diameter(WeightFreePoseEstimatorTest.ELL), List.of(), null), new ConfigPpf());
    }

    /** Wrong poses: the true one turned about several axes, or moved. */
    static List<RigidTransform> wrongPoses(RigidTransform gt) {
        double[] zero = new double[3];
        return List.of(
                SyntheticScenes.perturb(gt, new double[] {0, 0, 1}, 20, zero),
                SyntheticScenes.perturb(gt, new double[] {1, 0, 0}, 90, zero),
                gt.compose(RigidTransform.fromAxisAngle(0, 1, 0, Math.PI, zero)),
                gt.compose(RigidTransform.fromAxisAngle(0, 0, 1, Math.PI, zero)),
                SyntheticScenes.perturb(gt, new double[] {0, 0, 1}, 0, new double[] {15, 0, 0}),
                SyntheticScenes.perturb(gt, new double[] {0, 0, 1}, 0, new double[] {0, 0, 30}),
                SyntheticScenes.perturb(gt, new double[] {0, 0, 1}, 0, new double[] {0, 0, -30}));
    }

    @Test
    void truePoseScoresClearlyAboveWrongPoses() {
        Random rnd = new Random(31);
        for (int k = 0; k < 3; k++) {
            RigidTransform gt = SyntheticScenes.randomPose(rnd, 20 * k - 20, 0, 600);
            SyntheticScenes.Frame f = SyntheticScenes.render(WeightFreePoseEstimatorTest.ELL, gt, 0.5, 60 + k);
            PoseScorer scorer = new PoseScorer().setObservation(f.depth(), SyntheticScenes.CAMERA, f.mask());
            PoseScore truth = scorer.score(model, gt);
            assertThat(truth.score()).isGreaterThan(0.85);
            assertThat(truth.depthFit()).isGreaterThan(0.85);
            assertThat(truth.coverage()).isGreaterThan(0.85);
            assertThat(truth.silhouetteIou()).isGreaterThan(0.85);
            for (RigidTransform wrong : wrongPoses(gt)) {
                assertThat(scorer.score(model, wrong).score()).as("score of " + wrong).isLessThan(truth.score() - 0.2);
            }
            // without a mask the depth agreement alone still separates them
            PoseScorer depthOnly = new PoseScorer().setObservation(f.depth(), SyntheticScenes.CAMERA, null);
            double truthDepthOnly = depthOnly.score(model, gt).score();
            assertThat(truthDepthOnly).isGreaterThan(0.85);
            for (RigidTransform wrong : wrongPoses(gt)) {
                assertThat(depthOnly.score(model, wrong).score()).isLessThan(truthDepthOnly - 0.1);
            }
        }
    }

    @Test
    void poseOutOfViewScoresZero() {
        RigidTransform gt = SyntheticScenes.randomPose(new Random(1), 0, 0, 600);
        SyntheticScenes.Frame f = SyntheticScenes.render(WeightFreePoseEstimatorTest.ELL, gt, 0.5, 1);
        PoseScorer scorer = new PoseScorer().setObservation(f.depth(), SyntheticScenes.CAMERA, f.mask());
        RigidTransform behind = RigidTransform.fromAxisAngle(0, 0, 1, 0, new double[] {0, 0, -800});
        assertThat(scorer.score(model, behind).score()).isZero();
        RigidTransform aside = RigidTransform.fromAxisAngle(0, 0, 1, 0, new double[] {5000, 0, 600});
        assertThat(scorer.score(model, aside).score()).isZero();
    }
}
