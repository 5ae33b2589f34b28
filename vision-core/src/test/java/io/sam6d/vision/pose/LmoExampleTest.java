package io.sam6d.vision.pose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.sam6d.vision.detection.Detection;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.image.RgbdFrame;
import org.junit.jupiter.api.Test;

/**
 * The LM-O example frame (no ground truth): with SAM-6D's own mask of the can, the pose must explain that mask and
 * the depth, and the can's asymmetry (spout, handle) must make the flipped pose clearly worse.
 */
class LmoExampleTest {

    @Test
    void canPoseExplainsMaskAndDepth() {
        RgbdFrame frame = LmoExample.frame();
        Mask mask = LmoExample.referenceMask();
        assertThat(mask.area()).isBetween(3000, 6000);
        WeightFreePoseEstimator est = new WeightFreePoseEstimator();
        PpfModel model = est.prepare(LmoExample.can());
        PoseResult r = est.estimate(frame, List.of(new Detection("obj_000005", 1, mask, mask.bbox(), List.of(), null)),
                List.of(model), true).get(0);
        PoseScore s = new PoseScorer().setObservation(frame.depth(), frame.camera(), mask).score(model, r.modelToCamera());
        assertThat(r.score()).isGreaterThan(0.6);
        assertThat(s.silhouetteIou()).isGreaterThan(0.75);
        assertThat(s.frontPx()).isLessThan(s.inlierPx() / 3);
        // the can stands about 1 m away, where the mask's depth is
        assertThat(r.modelToCamera().t(2)).isBetween(900.0, 1050.0);
        double flipped = r.rejected().stream()
                .filter(h -> Math.toDegrees(h.modelToCamera().rotationAngleTo(r.modelToCamera())) > 90)
                .mapToDouble(PoseResult.Hypothesis::score).max().orElse(0);
        assertThat(flipped).isLessThan(r.score() - 0.05);
    }
}
