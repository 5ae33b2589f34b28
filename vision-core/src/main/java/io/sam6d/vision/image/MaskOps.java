package io.sam6d.vision.image;

import io.sam6d.vision.image.Mask;

/** Morphology on row-major binary masks: grow and shrink by a radius in pixels (chamfer distance, near-Euclidean). */
public final class MaskOps {

    private MaskOps() {
    }

    /** The mask grown by {@code radiusPx}: every pixel within that distance of a mask pixel. */
    public static Mask dilate(Mask mask, int radiusPx) {
        return morph(mask, radiusPx, true);
    }

    /** The mask shrunk by {@code radiusPx}: the mask pixels farther than that from any pixel outside it. */
    public static Mask erode(Mask mask, int radiusPx) {
        return morph(mask, radiusPx, false);
    }

    private static Mask morph(Mask mask, int radiusPx, boolean grow) {
        if (radiusPx <= 0) {
            return mask;
        }
        int w = mask.width(), h = mask.height();
        int[] box = mask.bbox();
        if (box[2] == 0) {
            return mask;
        }
        // only the window around the mask can change
        int margin = grow ? radiusPx + 1 : 1;
        int x0 = Math.max(0, box[0] - margin), y0 = Math.max(0, box[1] - margin);
        int x1 = Math.min(w, box[0] + box[2] + margin), y1 = Math.min(h, box[1] + box[3] + margin);
        int ww = x1 - x0, wh = y1 - y0;
        boolean[] bits = mask.bits();
        boolean[] win = new boolean[ww * wh];
        for (int y = 0; y < wh; y++) {
            System.arraycopy(bits, (y + y0) * w + x0, win, y * ww, ww);
        }
        // growing: distance to the nearest mask pixel; shrinking: to the nearest pixel outside the mask
        int[] d = chamferDistance(win, ww, wh, grow);
        int limit = 3 * radiusPx;
        for (int y = 0; y < wh; y++) {
            for (int x = 0; x < ww; x++) {
                int i = (y + y0) * w + x + x0;
                bits[i] = grow ? d[y * ww + x] <= limit : bits[i] && d[y * ww + x] > limit;
            }
        }
        return new Mask(w, h, bits);
    }

    /**
     * 3-4 chamfer distance (3 per pixel step) of every pixel to the nearest pixel whose bit equals {@code target};
     * pixels outside the image do not count as targets.
     */
    static int[] chamferDistance(boolean[] bits, int w, int h, boolean target) {
        int inf = Integer.MAX_VALUE / 4;
        int[] d = new int[w * h];
        for (int i = 0; i < d.length; i++) {
            d[i] = bits[i] == target ? 0 : inf;
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int v = d[i];
                if (v == 0) {
                    continue;
                }
                if (x > 0) {
                    v = Math.min(v, d[i - 1] + 3);
                }
                if (y > 0) {
                    v = Math.min(v, d[i - w] + 3);
                    if (x > 0) {
                        v = Math.min(v, d[i - w - 1] + 4);
                    }
                    if (x < w - 1) {
                        v = Math.min(v, d[i - w + 1] + 4);
                    }
                }
                d[i] = v;
            }
        }
        for (int y = h - 1; y >= 0; y--) {
            for (int x = w - 1; x >= 0; x--) {
                int i = y * w + x;
                int v = d[i];
                if (v == 0) {
                    continue;
                }
                if (x < w - 1) {
                    v = Math.min(v, d[i + 1] + 3);
                }
                if (y < h - 1) {
                    v = Math.min(v, d[i + w] + 3);
                    if (x < w - 1) {
                        v = Math.min(v, d[i + w + 1] + 4);
                    }
                    if (x > 0) {
                        v = Math.min(v, d[i + w - 1] + 4);
                    }
                }
                d[i] = v;
            }
        }
        return d;
    }
}
