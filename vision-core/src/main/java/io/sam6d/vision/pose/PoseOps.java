package io.sam6d.vision.pose;

import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.Mask;

/** Stateless helpers around posed models: full-frame depth rendering and visible masks. Lengths in mm. */
public final class PoseOps {

    private PoseOps() {
    }

    /** Depth of the posed model over a whole {@code width × height} frame, mm, 0 where it does not cover. */
    public static DepthImage renderDepth(PpfModel model, RigidTransform modelToCamera, CameraIntrinsics camera,
            int width, int height) {
        float[] out = new float[width * height];
        model.renderer().renderDepth(modelToCamera, camera, 0, 0, width, height, out);
        return new DepthImage(width, height, out);
    }

    /**
     * The pixels where the posed model is seen: rendered, and not more than {@code toleranceMm} behind the observed
     * depth there (pixels without observed depth count as seen). A verified pose's instance mask.
     */
    public static Mask visibleMask(PpfModel model, RigidTransform modelToCamera, DepthImage depth,
            CameraIntrinsics camera, double toleranceMm) {
        int w = depth.width(), h = depth.height();
        float[] r = renderDepth(model, modelToCamera, camera, w, h).mm();
        float[] mm = depth.mm();
        boolean[] bits = new boolean[w * h];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = r[i] > 0 && (mm[i] <= 0 || r[i] - mm[i] <= toleranceMm);
        }
        return new Mask(w, h, bits);
    }
}
