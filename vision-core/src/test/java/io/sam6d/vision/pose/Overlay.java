package io.sam6d.vision.pose;

import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.RgbImage;

/** Debug pictures: model silhouettes drawn over a frame (not a test). */
final class Overlay {

    private Overlay() {
    }

    /** Tints the pixels covered by the posed model with colour (r, g, b) at 50 %, edges fully. */
    static void draw(RgbImage img, PpfModel model, RigidTransform pose, CameraIntrinsics cam, int r, int g, int b) {
        int w = img.width(), h = img.height();
        float[] buf = new float[w * h];
        model.renderer().renderDepth(pose, cam, 0, 0, w, h, buf);
        byte[] px = img.rgb();
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                if (buf[i] == 0) {
                    continue;
                }
                boolean edge = buf[i - 1] == 0 || buf[i + 1] == 0 || buf[i - w] == 0 || buf[i + w] == 0
                        || Math.abs(buf[i - 1] - buf[i]) > 15 || Math.abs(buf[i - w] - buf[i]) > 15;
                double a = edge ? 1.0 : 0.35;
                px[3 * i] = (byte) ((1 - a) * (px[3 * i] & 0xFF) + a * r);
                px[3 * i + 1] = (byte) ((1 - a) * (px[3 * i + 1] & 0xFF) + a * g);
                px[3 * i + 2] = (byte) ((1 - a) * (px[3 * i + 2] & 0xFF) + a * b);
            }
        }
    }
}
