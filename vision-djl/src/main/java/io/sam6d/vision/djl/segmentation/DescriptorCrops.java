package io.sam6d.vision.djl.segmentation;

/**
 * SAM-6D's {@code CropResizePad}: a box of the image is cut out, scaled (nearest neighbour, PyTorch's
 * {@code interpolate} default) so that its longer side is S, and centred on an S × S canvas of zeros. Used for the
 * proposals and the templates alike, so both reach the descriptor network the same way.
 */
final class DescriptorCrops {

    private DescriptorCrops() {
    }

    /**
     * Writes the crop of the masked colour image ({@code [3, S, S]} at {@code rgbOut[rgbOffset]}, R, G, B 0..1, zero
     * outside the mask) and of the mask ({@code [1, S, S]} at {@code maskOut[maskOffset]}, 0 or 1).
     *
     * @param rgb  interleaved 8-bit R, G, B of a {@code w × h} image
     * @param mask {@code w × h}
     * @param box  {@code [x0, y0, x1, y1]}, x1 and y1 exclusive (SAM-6D slices {@code [y0:y1, x0:x1]})
     */
    static void cropResizePad(byte[] rgb, boolean[] mask, int w, int h, int[] box, int size, float[] rgbOut,
            int rgbOffset, float[] maskOut, int maskOffset) {
        int x0 = Math.max(0, Math.min(w - 1, box[0])), y0 = Math.max(0, Math.min(h - 1, box[1]));
        int bw = Math.max(1, Math.min(w, box[2]) - x0), bh = Math.max(1, Math.min(h, box[3]) - y0);
        float scale = (float) size / Math.max(bw, bh);
        int ow = Math.min(size, (int) Math.floor(bw * (double) scale));
        int oh = Math.min(size, (int) Math.floor(bh * (double) scale));
        int top = Math.max((size - oh) / 2, 0), left = Math.max((size - ow) / 2, 0);
        double inv = 1.0 / scale;
        int s2 = size * size;
        java.util.Arrays.fill(rgbOut, rgbOffset, rgbOffset + 3 * s2, 0f);
        java.util.Arrays.fill(maskOut, maskOffset, maskOffset + s2, 0f);
        for (int r = 0; r < oh; r++) {
            int sy = y0 + Math.min((int) Math.floor(r * inv), bh - 1);
            for (int c = 0; c < ow; c++) {
                int sx = x0 + Math.min((int) Math.floor(c * inv), bw - 1);
                int src = sy * w + sx;
                if (!mask[src]) {
                    continue;
                }
                int o = (top + r) * size + left + c;
                maskOut[maskOffset + o] = 1f;
                rgbOut[rgbOffset + o] = (rgb[3 * src] & 0xFF) / 255f;
                rgbOut[rgbOffset + s2 + o] = (rgb[3 * src + 1] & 0xFF) / 255f;
                rgbOut[rgbOffset + 2 * s2 + o] = (rgb[3 * src + 2] & 0xFF) / 255f;
            }
        }
    }
}
