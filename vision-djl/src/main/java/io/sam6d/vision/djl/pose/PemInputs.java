package io.sam6d.vision.djl.pose;

import java.util.Random;

import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.image.RgbdFrame;

/** The PEM contract's per-detection inputs as plain arrays, before the translator turns them into tensors. */
final class PemInputs {

    private PemInputs() {
    }

    /**
     * @param pointsM    {@code [Np, 3]} observed points in the camera frame, metres
     * @param rgb        {@code [3, S, S]} colour crop of the detection's box, 0..1
     * @param rgbChoose  {@code [Np]} index {@code row * S + col} of each point's pixel in the crop
     */
    record Observation(float[] pointsM, float[] rgb, long[] rgbChoose) {
    }

    /**
     * Back-projects the masked pixels with depth, drops points farther than {@code outlierRadii × radiusMm} from
     * their per-axis median (SAM-6D uses the mean, which background leaking into the mask drags away), samples
     * {@code count} of them (all of them in random order, repeated when fewer) and crops the colour image to the
     * mask's box, resized to {@code cropSize} (bilinear; the aspect ratio is not kept, as in SAM-6D).
     *
     * @return null when fewer than {@code minPoints} points remain
     */
    static Observation observe(RgbdFrame frame, Mask mask, double radiusMm, ConfigPemTorchScript cfg, long seed) {
        int w = frame.width(), h = frame.height();
        float[] depth = frame.depth().mm();
        CameraIntrinsics k = frame.camera();
        int area = mask.area();
        float[] xyz = new float[3 * area];
        int[] pixel = new int[area];
        int n = 0;
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                float z = depth[v * w + u];
                if (!mask.get(u, v) || !(z > 0) || !Float.isFinite(z)) {
                    continue;
                }
                float x = (float) ((u - k.cx()) * z / k.fx());
                float y = (float) ((v - k.cy()) * z / k.fy());
                xyz[3 * n] = x;
                xyz[3 * n + 1] = y;
                xyz[3 * n + 2] = z;
                pixel[n++] = v * w + u;
            }
        }
        if (n < cfg.minPoints) {
            return null;
        }
        double cx = median(xyz, n, 0), cy = median(xyz, n, 1), cz = median(xyz, n, 2);
        double limit2 = Math.pow(cfg.outlierRadii * radiusMm, 2);
        int kept = 0;
        for (int i = 0; i < n; i++) {
            double dx = xyz[3 * i] - cx, dy = xyz[3 * i + 1] - cy, dz = xyz[3 * i + 2] - cz;
            if (dx * dx + dy * dy + dz * dz <= limit2) {
                xyz[3 * kept] = xyz[3 * i];
                xyz[3 * kept + 1] = xyz[3 * i + 1];
                xyz[3 * kept + 2] = xyz[3 * i + 2];
                pixel[kept++] = pixel[i];
            }
        }
        if (kept < cfg.minPoints) {
            return null;
        }
        int[] order = new int[kept];
        for (int i = 0; i < kept; i++) {
            order[i] = i;
        }
        Random rnd = new Random(seed);
        int np = cfg.observedPoints;
        int shuffled = Math.min(kept, np);
        for (int i = 0; i < shuffled; i++) {
            int j = i + rnd.nextInt(kept - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] box = mask.bbox();
        int s = cfg.cropSize;
        float[] points = new float[3 * np];
        long[] choose = new long[np];
        for (int i = 0; i < np; i++) {
            int src = order[i % shuffled];
            points[3 * i] = xyz[3 * src] * 0.001f;
            points[3 * i + 1] = xyz[3 * src + 1] * 0.001f;
            points[3 * i + 2] = xyz[3 * src + 2] * 0.001f;
            int u = pixel[src] % w, v = pixel[src] / w;
            int col = Math.min(s - 1, (int) ((u - box[0]) * (long) s / box[2]));
            int row = Math.min(s - 1, (int) ((v - box[1]) * (long) s / box[3]));
            choose[i] = (long) row * s + col;
        }
        return new Observation(points, crop(frame, box, s), choose);
    }

    /** Median of coordinate {@code axis} of the first n points. */
    static double median(float[] xyz, int n, int axis) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = xyz[3 * i + axis];
        }
        java.util.Arrays.sort(v);
        return v[n / 2];
    }

    /** {@code [3, S, S]} bilinear resize of the box {@code [x, y, w, h]}, 0..1. */
    static float[] crop(RgbdFrame frame, int[] box, int s) {
        int w = frame.width(), h = frame.height();
        byte[] px = frame.rgb().rgb();
        float[] out = new float[3 * s * s];
        double stepX = box[2] / (double) s, stepY = box[3] / (double) s;
        for (int r = 0; r < s; r++) {
            double sy = box[1] + (r + 0.5) * stepY - 0.5;
            int fy = (int) Math.floor(sy);
            double ay = sy - fy;
            int y0 = Math.max(0, Math.min(h - 1, fy)), y1 = Math.max(0, Math.min(h - 1, fy + 1));
            for (int c = 0; c < s; c++) {
                double sx = box[0] + (c + 0.5) * stepX - 0.5;
                int fx = (int) Math.floor(sx);
                double ax = sx - fx;
                int x0 = Math.max(0, Math.min(w - 1, fx)), x1 = Math.max(0, Math.min(w - 1, fx + 1));
                for (int ch = 0; ch < 3; ch++) {
                    double top = (1 - ax) * (px[3 * (y0 * w + x0) + ch] & 0xFF)
                            + ax * (px[3 * (y0 * w + x1) + ch] & 0xFF);
                    double bot = (1 - ax) * (px[3 * (y1 * w + x0) + ch] & 0xFF)
                            + ax * (px[3 * (y1 * w + x1) + ch] & 0xFF);
                    out[ch * s * s + r * s + c] = (float) (((1 - ay) * top + ay * bot) / 255.0);
                }
            }
        }
        return out;
    }
}
