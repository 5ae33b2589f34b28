package io.sam6d.vision.image;

import io.sam6d.vision.geometry.CameraIntrinsics;

/**
 * One camera frame: colour, depth registered to the colour image (same size, same camera) and intrinsics.
 *
 * @param depth  depth in mm at every colour pixel, 0 where unknown
 * @param camera intrinsics of the colour image
 */
public record RgbdFrame(RgbImage rgb, DepthImage depth, CameraIntrinsics camera) {

    public RgbdFrame {
        if (rgb.width() != depth.width() || rgb.height() != depth.height()) {
            throw new IllegalArgumentException("depth (" + depth.width() + "x" + depth.height()
                    + ") must be registered to the colour image (" + rgb.width() + "x" + rgb.height() + ")");
        }
    }

    public int width() {
        return rgb.width();
    }

    public int height() {
        return rgb.height();
    }
}
