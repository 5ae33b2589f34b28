package io.sam6d.vision.pose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.sam6d.vision.detection.Detection;
import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.geometry.MeshOps;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.RgbImage;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.model.ObjectModel;
import org.junit.jupiter.api.Test;

/** A box's shape has four equal poses; its coloured faces single out the right one. */
class ColourTieBreakTest {

    static final Mesh BOX = SyntheticScenes.colouredBox(100, 70, 45);

    @Test
    void colouredFacesPickTheRightOneOfTheBoxesSymmetricPoses() {
        WeightFreePoseEstimator est = new WeightFreePoseEstimator();
        PpfModel model = est.prepare(new ObjectModel("box", BOX, MeshOps.diameter(BOX), List.of(), null));
        assertThat(model.denseColors()).isNotNull();
        // views onto a corner, three faces in sight (seen straight onto one face, the turned box looks the same)
        double[][] axisAngleDeg = {{1, 1, 0, 55}, {-1, 1, 0.3, 60}, {1, -0.5, 0.2, 125}, {0.2, 1, -1, 230}};
        for (int k = 0; k < axisAngleDeg.length; k++) {
            double[] a = axisAngleDeg[k];
            RigidTransform gt = RigidTransform.fromAxisAngle(a[0], a[1], a[2], Math.toRadians(a[3]),
                    new double[] {30 * k - 45, 10, 600});
            SyntheticScenes.Frame f = SyntheticScenes.render(BOX, gt, 0.5, 20 + k);
            RgbImage rgb = SyntheticScenes.renderColour(BOX, gt, f.mask(), 20 + k);
            RgbdFrame frame = new RgbdFrame(rgb, f.depth(), SyntheticScenes.CAMERA);
            Detection d = new Detection("box", 1, f.mask(), f.mask().bbox(), List.of(), null);
            PoseResult r = est.estimate(frame, List.of(d), List.of(model), false).get(0);
            assertThat(Math.toDegrees(r.modelToCamera().rotationAngleTo(gt))).as("pose %d", k).isLessThan(2);
            assertThat(r.modelToCamera().translationDistanceTo(gt)).isLessThan(2);

            PoseScorer scorer = new PoseScorer().setObservation(f.depth(), SyntheticScenes.CAMERA, f.mask(), rgb);
            PoseScore right = scorer.score(model, gt);
            assertThat(right.colorAgreement()).isGreaterThan(0.95);
            double worst = 1;
            for (double[] axis : new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}) {
                RigidTransform turned = gt.compose(RigidTransform.fromAxisAngle(axis[0], axis[1], axis[2], Math.PI,
                        new double[3]));
                PoseScore wrong = scorer.score(model, turned);
                // the shape alone cannot tell them apart, the colours can
                assertThat(Math.abs(right.score() - wrong.score())).isLessThan(0.05);
                assertThat(wrong.colorAgreement()).isLessThan(right.colorAgreement());
                worst = Math.min(worst, wrong.colorAgreement());
            }
            assertThat(worst).isLessThan(right.colorAgreement() - 0.2);
        }
    }

    @Test
    void withoutColourTheShapeAloneLeavesTheBoxAmbiguous() {
        ConfigWeightFreePose noColour = new ConfigWeightFreePose();
        noColour.colorTieMargin = 0;
        WeightFreePoseEstimator est = new WeightFreePoseEstimator(noColour);
        PpfModel model = est.prepare(new ObjectModel("box", BOX, MeshOps.diameter(BOX), List.of(), null));
        double[][] axisAngleDeg = {{1, 1, 0, 55}, {-1, 1, 0.3, 60}, {1, -0.5, 0.2, 125}, {0.2, 1, -1, 230}};
        int turned = 0;
        for (int k = 0; k < axisAngleDeg.length; k++) {
            double[] a = axisAngleDeg[k];
            RigidTransform gt = RigidTransform.fromAxisAngle(a[0], a[1], a[2], Math.toRadians(a[3]),
                    new double[] {30 * k - 45, 10, 600});
            SyntheticScenes.Frame f = SyntheticScenes.render(BOX, gt, 0.5, 20 + k);
            RgbdFrame frame = new RgbdFrame(SyntheticScenes.renderColour(BOX, gt, f.mask(), 20 + k), f.depth(),
                    SyntheticScenes.CAMERA);
            Detection d = new Detection("box", 1, f.mask(), f.mask().bbox(), List.of(), null);
            PoseResult r = est.estimate(frame, List.of(d), List.of(model), false).get(0);
            // right up to the box's symmetry either way
            assertThat(PoseAccuracy.adds(model.densePoints(), r.modelToCamera(), gt)).isLessThan(2);
            turned += Math.toDegrees(r.modelToCamera().rotationAngleTo(gt)) > 90 ? 1 : 0;
        }
        assertThat(turned).as("poses turned round without colour").isGreaterThanOrEqualTo(2);
    }
}
