package io.sam6d.vision.render;

import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.geometry.RigidTransform;

/**
 * Renders the depth of one posed object model, for visibility and verification. Implementations are bound to one
 * model and are thread-safe (all scratch space comes from the caller). The point-splatting
 * {@link PointSplatRenderer} is the default; an exact triangle rasteriser can take its place.
 */
public interface ModelDepthRenderer {

    /**
     * Writes the model's depth (z along the optical axis, mm) into a window of the camera image: pixel (x, y) of
     * the image goes to {@code depthOut[(y - y0) * w + (x - x0)]}, 0 where the model does not cover it. The first
     * {@code w * h} entries of {@code depthOut} are overwritten; nothing else is.
     *
     * @param modelToCamera the pose, t in mm
     * @param camera        intrinsics of the full image
     */
    void renderDepth(RigidTransform modelToCamera, CameraIntrinsics camera, int x0, int y0, int w, int h,
            float[] depthOut);

    /**
     * Like {@link #renderDepth}, and also writes the model's colour of each covered pixel to
     * {@code rgbOut[3 * ((y - y0) * w + (x - x0)) + c]} (0..1; left alone where the model does not cover).
     *
     * @return false, with neither array touched, when the model has no colours
     */
    default boolean renderColor(RigidTransform modelToCamera, CameraIntrinsics camera, int x0, int y0, int w, int h,
            float[] depthOut, float[] rgbOut) {
        return false;
    }
}
