package io.sam6d.vision.djl.segmentation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.sam6d.vision.djl.ObjectNotUsableException;
import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.image.ImageFiles;
import io.sam6d.vision.image.RgbImage;
import io.sam6d.vision.image.RgbdFrame;

/**
 * The ISM contract's inputs as plain arrays, before the translator turns them into tensors: the frame (RGB 0..1 in
 * channel-first order, depth in metres, {@code cam_K}) and the object's template crops.
 */
final class IsmInputs {

    private static final Pattern MASK_FILE = Pattern.compile("mask_(\\d+)\\.png");

    private IsmInputs() {
    }

    /**
     * @param rgb    {@code [3, H, W]} R, G, B in 0..1
     * @param depthM {@code [H, W]} depth in metres, 0 where unknown
     * @param camK   {@code [3, 3]} row-major, pixels
     */
    record Frame(int width, int height, float[] rgb, float[] depthM, float[] camK) {
    }

    /**
     * @param viewIds the template index {@code i} of {@code rgb_<i>.png} of each crop
     * @param rgb     {@code [V, 3, S, S]} 0..1, zero outside the mask
     * @param mask    {@code [V, 1, S, S]} 1 inside the object, 0 outside
     */
    record Templates(int[] viewIds, int size, float[] rgb, float[] mask) {
        int count() {
            return viewIds.length;
        }
    }

    static Frame frame(RgbdFrame frame) {
        int w = frame.width(), h = frame.height(), n = w * h;
        byte[] src = frame.rgb().rgb();
        float[] rgb = new float[3 * n];
        for (int i = 0; i < n; i++) {
            rgb[i] = (src[3 * i] & 0xFF) / 255f;
            rgb[n + i] = (src[3 * i + 1] & 0xFF) / 255f;
            rgb[2 * n + i] = (src[3 * i + 2] & 0xFF) / 255f;
        }
        float[] mm = frame.depth().mm();
        float[] m = new float[n];
        for (int i = 0; i < n; i++) {
            m[i] = mm[i] > 0 && Float.isFinite(mm[i]) ? mm[i] * 0.001f : 0f;
        }
        CameraIntrinsics k = frame.camera();
        float[] camK = {(float) k.fx(), 0, (float) k.cx(), 0, (float) k.fy(), (float) k.cy(), 0, 0, 1};
        return new Frame(w, h, rgb, m, camK);
    }

    /**
     * Reads {@code rgb_<i>.png} and {@code mask_<i>.png} of a template directory and crops each view to a square
     * around its mask's bounding box (centred, padded with black outside the image), resized to {@code size} ×
     * {@code size} (bilinear for colour, nearest for the mask), colour multiplied by the mask: what SAM-6D gives
     * its descriptor network.
     *
     * @param maxViews 0 for all, otherwise at most this many views, evenly spread over the indices
     * @throws ObjectNotUsableException when the directory has no usable template pair
     */
    static Templates templates(String objectName, Path dir, int size, int maxViews) {
        if (dir == null || !Files.isDirectory(dir)) {
            throw new ObjectNotUsableException("the TorchScript segmentation engine needs rendered templates of '"
                    + objectName + "' (rgb_<i>.png and mask_<i>.png in static/templates/<class>/" + objectName
                    + "/): render them first");
        }
        List<Integer> ids = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(p -> {
                Matcher m = MASK_FILE.matcher(p.getFileName().toString());
                if (m.matches() && Files.isRegularFile(dir.resolve("rgb_" + m.group(1) + ".png"))) {
                    ids.add(Integer.parseInt(m.group(1)));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        ids.sort(null);
        if (maxViews > 0 && ids.size() > maxViews) {
            List<Integer> picked = new ArrayList<>();
            for (int k = 0; k < maxViews; k++) {
                picked.add(ids.get((int) ((long) k * ids.size() / maxViews)));
            }
            ids.clear();
            ids.addAll(picked);
        }
        int s2 = size * size;
        List<Integer> kept = new ArrayList<>();
        List<float[]> rgbs = new ArrayList<>();
        List<float[]> masks = new ArrayList<>();
        for (int id : ids) {
            RgbImage rgb;
            boolean[] mask;
            int[] wh = new int[2];
            try {
                rgb = ImageFiles.readRgb(dir.resolve("rgb_" + id + ".png"));
                mask = ImageFiles.decodeMask(ImageFiles.readBytes(dir.resolve("mask_" + id + ".png")), wh);
            } catch (RuntimeException e) {
                throw new ObjectNotUsableException("template " + id + " of '" + objectName + "' cannot be read: "
                        + e.getMessage());
            }
            if (wh[0] != rgb.width() || wh[1] != rgb.height()) {
                throw new ObjectNotUsableException("template " + id + " of '" + objectName + "': mask_" + id
                        + ".png is " + wh[0] + "x" + wh[1] + " but rgb_" + id + ".png is " + rgb.width() + "x"
                        + rgb.height());
            }
            float[] outRgb = new float[3 * s2];
            float[] outMask = new float[s2];
            if (crop(rgb, mask, size, outRgb, outMask)) {
                kept.add(id);
                rgbs.add(outRgb);
                masks.add(outMask);
            }
        }
        if (kept.isEmpty()) {
            throw new ObjectNotUsableException("'" + objectName + "' has no usable template in " + dir
                    + " (need rgb_<i>.png with a non-empty mask_<i>.png)");
        }
        int v = kept.size();
        float[] rgb = new float[v * 3 * s2];
        float[] mask = new float[v * s2];
        for (int i = 0; i < v; i++) {
            System.arraycopy(rgbs.get(i), 0, rgb, i * 3 * s2, 3 * s2);
            System.arraycopy(masks.get(i), 0, mask, i * s2, s2);
        }
        return new Templates(kept.stream().mapToInt(Integer::intValue).toArray(), size, rgb, mask);
    }

    /** Square crop about the mask's box; false when the mask is empty. */
    static boolean crop(RgbImage rgb, boolean[] mask, int size, float[] outRgb, float[] outMask) {
        int w = rgb.width(), h = rgb.height();
        int x0 = w, y0 = h, x1 = -1, y1 = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (mask[y * w + x]) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x);
                    y1 = Math.max(y1, y);
                }
            }
        }
        if (x1 < 0) {
            return false;
        }
        double side = Math.max(x1 - x0 + 1, y1 - y0 + 1);
        double left = (x0 + x1 + 1) / 2.0 - side / 2;
        double top = (y0 + y1 + 1) / 2.0 - side / 2;
        double step = side / size;
        int s2 = size * size;
        byte[] px = rgb.rgb();
        for (int v = 0; v < size; v++) {
            double sy = top + (v + 0.5) * step - 0.5;
            for (int u = 0; u < size; u++) {
                double sx = left + (u + 0.5) * step - 0.5;
                int nx = (int) Math.round(sx), ny = (int) Math.round(sy);
                boolean in = nx >= 0 && ny >= 0 && nx < w && ny < h && mask[ny * w + nx];
                int o = v * size + u;
                outMask[o] = in ? 1f : 0f;
                if (!in) {
                    continue;
                }
                int fx = (int) Math.floor(sx), fy = (int) Math.floor(sy);
                double ax = sx - fx, ay = sy - fy;
                for (int c = 0; c < 3; c++) {
                    double acc = 0;
                    for (int j = 0; j < 2; j++) {
                        for (int i = 0; i < 2; i++) {
                            int xx = Math.min(w - 1, Math.max(0, fx + i));
                            int yy = Math.min(h - 1, Math.max(0, fy + j));
                            double wgt = (i == 0 ? 1 - ax : ax) * (j == 0 ? 1 - ay : ay);
                            acc += wgt * (px[3 * (yy * w + xx) + c] & 0xFF);
                        }
                    }
                    outRgb[c * s2 + o] = (float) (acc / 255.0);
                }
            }
        }
        return true;
    }
}
