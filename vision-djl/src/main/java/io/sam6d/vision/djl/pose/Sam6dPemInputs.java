package io.sam6d.vision.djl.pose;

import java.util.Random;

import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.image.RgbImage;
import io.sam6d.vision.image.RgbdFrame;

/**
 * The per-detection and per-template inputs of {@code sam6d-pem/2}, prepared as SAM-6D's
 * {@code run_inference_custom.py} prepares them: a square box about the mask ({@code get_bbox}), the colour crop
 * masked and resized bilinearly to S × S, a random choice of the masked pixels (with replacement only when there are
 * too few) with their 3D points and their index in the resized crop ({@code get_resize_rgb_choose}).
 */
final class Sam6dPemInputs {

    /**
     * @param rgb     {@code [3, S, S]} R, G, B 0..1, zero off the mask
     * @param choose  {@code [n]} {@code row * S + col} of each chosen pixel in the resized crop
     * @param pointsM {@code [n, 3]} the chosen pixels' points, metres (camera frame for observations, model frame
     *                for templates)
     */
    record Crop(float[] rgb, long[] choose, float[] pointsM) {
    }

    private Sam6dPemInputs() {
    }

    /**
     * SAM-6D's {@code get_bbox}: a square of the mask's larger side (at most the image's smaller side) about the
     * mask's box centre, moved inside the image: {@code [rmin, rmax, cmin, cmax]}, max exclusive; null for an empty
     * mask.
     */
    static int[] squareBox(boolean[] mask, int w, int h) {
        int[] box = new Mask(w, h, mask).bbox();
        if (box[2] == 0) {
            return null;
        }
        int rmin = box[1], rmax = box[1] + box[3], cmin = box[0], cmax = box[0] + box[2];
        int b = Math.min(Math.max(rmax - rmin, cmax - cmin), Math.min(h, w));
        int cr = (rmin + rmax) / 2, cc = (cmin + cmax) / 2;
        rmin = cr - b / 2;
        rmax = cr + b / 2;
        cmin = cc - b / 2;
        cmax = cc + b / 2;
        if (rmin < 0) {
            rmax -= rmin;
            rmin = 0;
        }
        if (cmin < 0) {
            cmax -= cmin;
            cmin = 0;
        }
        if (rmax > h) {
            rmin -= rmax - h;
            rmax = h;
        }
        if (cmax > w) {
            cmin -= cmax - w;
            cmax = w;
        }
        return new int[] {rmin, rmax, cmin, cmax};
    }

    /** {@code np.random.choice(available, count)}: with replacement when {@code available <= count}, else without. */
    static int[] choose(int available, int count, Random rnd) {
        int[] out = new int[count];
        if (available <= count) {
            for (int i = 0; i < count; i++) {
                out[i] = rnd.nextInt(available);
            }
            return out;
        }
        int[] idx = new int[available];
        for (int i = 0; i < available; i++) {
            idx[i] = i;
        }
        for (int i = 0; i < count; i++) {
            int j = i + rnd.nextInt(available - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
            out[i] = idx[i];
        }
        return out;
    }

    /**
     * The box of an image, zero off the mask, resized to {@code s × s} as cv2's INTER_LINEAR does (pixel centres
     * aligned, taps clamped to the box), 0..1, channel-first.
     */
    static float[] maskedCrop(byte[] rgb, boolean[] mask, int w, int[] box, int s) {
        int rmin = box[0], ch = box[1] - box[0], cmin = box[2], cw = box[3] - box[2];
        float[] out = new float[3 * s * s];
        int[] ys = new int[2 * s], xs = new int[2 * s];
        double[] ay = new double[s], ax = new double[s];
        linearTaps(ch, s, ys, ay);
        linearTaps(cw, s, xs, ax);
        for (int r = 0; r < s; r++) {
            int y = ys[2 * r], y1 = ys[2 * r + 1];
            for (int c = 0; c < s; c++) {
                int x = xs[2 * c], x1 = xs[2 * c + 1];
                int p00 = (rmin + y) * w + cmin + x, p01 = (rmin + y) * w + cmin + x1;
                int p10 = (rmin + y1) * w + cmin + x, p11 = (rmin + y1) * w + cmin + x1;
                for (int k = 0; k < 3; k++) {
                    double top = (1 - ax[c]) * value(rgb, mask, p00, k) + ax[c] * value(rgb, mask, p01, k);
                    double bottom = (1 - ax[c]) * value(rgb, mask, p10, k) + ax[c] * value(rgb, mask, p11, k);
                    out[k * s * s + r * s + c] = (float) (((1 - ay[r]) * top + ay[r] * bottom) / 255.0);
                }
            }
        }
        return out;
    }

    /**
     * cv2's INTER_LINEAR source taps for resizing {@code from} samples to {@code to}: for output i the two source
     * indices at {@code idx[2i], idx[2i + 1]} and the second one's weight {@code frac[i]} (clamped at the borders).
     */
    private static void linearTaps(int from, int to, int[] idx, double[] frac) {
        double scale = from / (double) to;
        for (int i = 0; i < to; i++) {
            double f = (i + 0.5) * scale - 0.5;
            int lo = (int) Math.floor(f);
            double a = f - lo;
            if (lo < 0) {
                lo = 0;
                a = 0;
            }
            if (lo >= from - 1) {
                lo = from - 1;
                a = 0;
            }
            idx[2 * i] = lo;
            idx[2 * i + 1] = Math.min(from - 1, lo + 1);
            frac[i] = a;
        }
    }

    private static int value(byte[] rgb, boolean[] mask, int pixel, int channel) {
        return mask[pixel] ? rgb[3 * pixel + channel] & 0xFF : 0;
    }

    /** SAM-6D's {@code get_resize_rgb_choose} for a pixel of the full image. */
    static long resizedIndex(int row, int col, int[] box, int s) {
        double ratioH = s / (double) (box[1] - box[0]), ratioW = s / (double) (box[3] - box[2]);
        long r = (long) Math.floor((row - box[0]) * ratioH), c = (long) Math.floor((col - box[2]) * ratioW);
        return r * s + c;
    }

    /**
     * A template view: its mask's pixels with model-frame coordinates (mm in {@code xyz_<i>.npy}), {@code count} of
     * them chosen. Null when the mask is empty.
     */
    static Crop template(RgbImage rgb, Mask mask, float[] xyzMm, int s, int count, Random rnd) {
        int w = rgb.width(), h = rgb.height();
        boolean[] m = mask.bits();
        int[] box = squareBox(m, w, h);
        if (box == null) {
            return null;
        }
        int[] pixels = maskedPixels(m, w, box);
        int[] pick = choose(pixels.length, count, rnd);
        long[] choose = new long[count];
        float[] pts = new float[3 * count];
        for (int i = 0; i < count; i++) {
            int p = pixels[pick[i]];
            choose[i] = resizedIndex(p / w, p % w, box, s);
            for (int k = 0; k < 3; k++) {
                pts[3 * i + k] = xyzMm[3 * p + k] * 0.001f;
            }
        }
        return new Crop(maskedCrop(rgb.rgb(), m, w, box, s), choose, pts);
    }

    /**
     * A detection: its mask's pixels that have depth, back-projected (metres); those farther than 1.2 model radii
     * from their mean are dropped; {@code count} chosen. Null, as in SAM-6D, when the mask has 32 pixels with depth
     * or fewer, or fewer than 4 remain.
     *
     * @param radiusM the largest distance of the sampled model points from the model's origin
     */
    static Crop observe(RgbdFrame frame, Mask detection, float radiusM, int s, int count, Random rnd) {
        int w = frame.width(), h = frame.height();
        float[] depth = frame.depth().mm();
        boolean[] m = detection.bits();
        int valid = 0;
        for (int i = 0; i < m.length; i++) {
            m[i] = m[i] && depth[i] > 0 && Float.isFinite(depth[i]);
            if (m[i]) {
                valid++;
            }
        }
        if (valid <= 32) {
            return null;
        }
        int[] box = squareBox(m, w, h);
        int[] pixels = maskedPixels(m, w, box);
        CameraIntrinsics k = frame.camera();
        float[] xyz = new float[3 * pixels.length];
        double mx = 0, my = 0, mz = 0;
        for (int i = 0; i < pixels.length; i++) {
            int u = pixels[i] % w, v = pixels[i] / w;
            float z = depth[pixels[i]] * 0.001f;
            xyz[3 * i] = (float) ((u - k.cx()) * z / k.fx());
            xyz[3 * i + 1] = (float) ((v - k.cy()) * z / k.fy());
            xyz[3 * i + 2] = z;
            mx += xyz[3 * i];
            my += xyz[3 * i + 1];
            mz += z;
        }
        mx /= pixels.length;
        my /= pixels.length;
        mz /= pixels.length;
        double limit = radiusM * 1.2;
        int kept = 0;
        for (int i = 0; i < pixels.length; i++) {
            double dx = xyz[3 * i] - mx, dy = xyz[3 * i + 1] - my, dz = xyz[3 * i + 2] - mz;
            if (Math.sqrt(dx * dx + dy * dy + dz * dz) < limit) {
                pixels[kept] = pixels[i];
                System.arraycopy(xyz, 3 * i, xyz, 3 * kept, 3);
                kept++;
            }
        }
        if (kept < 4) {
            return null;
        }
        int[] pick = choose(kept, count, rnd);
        long[] choose = new long[count];
        float[] pts = new float[3 * count];
        for (int i = 0; i < count; i++) {
            int p = pixels[pick[i]];
            choose[i] = resizedIndex(p / w, p % w, box, s);
            System.arraycopy(xyz, 3 * pick[i], pts, 3 * i, 3);
        }
        return new Crop(maskedCrop(frame.rgb().rgb(), m, w, box, s), choose, pts);
    }

    /** The mask's pixels inside the box, row by row (SAM-6D's {@code mask.flatten().nonzero()} on the crop). */
    private static int[] maskedPixels(boolean[] mask, int w, int[] box) {
        int n = 0;
        int[] out = new int[(box[1] - box[0]) * (box[3] - box[2])];
        for (int r = box[0]; r < box[1]; r++) {
            for (int c = box[2]; c < box[3]; c++) {
                if (mask[r * w + c]) {
                    out[n++] = r * w + c;
                }
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
