package io.sam6d.vision.pose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import io.sam6d.vision.geometry.MeshOps;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.model.ObjectModel;
import io.sam6d.vision.render.RasterDepthRenderer;
import org.junit.jupiter.api.Test;

/** The exact rasteriser behind the renderer interface draws what the point splats draw, and scores the same way. */
class RasterDepthRendererTest {

    @Test
    void agreesWithPointSplattingInAWindow() {
        ObjectModel om = new ObjectModel("ell", WeightFreePoseEstimatorTest.ELL,
                MeshOps.diameter(WeightFreePoseEstimatorTest.ELL), List.of(), null);
        ConfigPpf exact = new ConfigPpf();
        exact.exactRendering = true;
        PpfModel splat = PpfModel.build(om, new ConfigPpf());
        PpfModel raster = PpfModel.build(om, exact);
        assertThat(raster.renderer()).isInstanceOf(RasterDepthRenderer.class);
        RigidTransform pose = SyntheticScenes.randomPose(new Random(4), 30, -20, 600);
        int x0 = 200, y0 = 120, w = 260, h = 240;
        float[] a = new float[w * h], b = new float[w * h];
        splat.renderer().renderDepth(pose, SyntheticScenes.CAMERA, x0, y0, w, h, a);
        raster.renderer().renderDepth(pose, SyntheticScenes.CAMERA, x0, y0, w, h, b);
        int both = 0, either = 0;
        double err = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] > 0 && b[i] > 0) {
                both++;
                err += Math.abs(a[i] - b[i]);
            }
            if (a[i] > 0 || b[i] > 0) {
                either++;
            }
        }
        assertThat(both).isGreaterThan(3000);
        assertThat(both / (double) either).as("silhouette IoU").isGreaterThan(0.9);
        assertThat(err / both).as("mean depth difference, mm").isLessThan(1.5);

        SyntheticScenes.Frame f = SyntheticScenes.render(WeightFreePoseEstimatorTest.ELL, pose, 0.5, 4);
        PoseScorer scorer = new PoseScorer().setObservation(f.depth(), SyntheticScenes.CAMERA, f.mask());
        PoseScore truth = scorer.score(raster, pose);
        assertThat(truth.score()).isGreaterThan(0.85);
        for (RigidTransform wrong : PoseScorerTest.wrongPoses(pose)) {
            assertThat(scorer.score(raster, wrong).score()).isLessThan(truth.score() - 0.2);
        }
    }
}
