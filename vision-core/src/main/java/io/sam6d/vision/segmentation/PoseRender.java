package io.sam6d.vision.segmentation;

import java.util.Arrays;

import io.sam6d.vision.render.PointSplatRenderer;

/**
 * The dense model sample of a {@link WeightFreeModel} splatted into a window of the frame at a pose (by its
 * {@link PointSplatRenderer}, covering squares): per pixel the nearest model depth (mm), which point is seen there
 * and its normal. Back-facing points are skipped; single-pixel gaps are filled, so the silhouette has no holes.
 */
final class PoseRender {

    /** Window in frame pixels: {@code [u0, v0]} top-left, {@code w x h} pixels. */
    int u0;
    int v0;
    int w;
    int h;
    /** Model depth per window pixel, mm; {@link Float#POSITIVE_INFINITY} outside the silhouette. */
    float[] depth = new float[0];
    /** Index of the dense point seen per window pixel, -1 outside. */
    int[] point = new int[0];
    /** Model normal per window pixel in the camera frame (x, y, z). */
    float[] normal = new float[0];
    /** Silhouette pixel count. */
    int area;
    private final PointSplatRenderer.Target target = new PointSplatRenderer.Target();
    /** Camera-facing model points that project into the image, and outside it (the object is cut by its border). */
    int facingInside;
    int facingOutside;

    /** Share of the camera-facing surface that projects into the image, 0..1. */
    double inImageFraction() {
        int all = facingInside + facingOutside;
        return all == 0 ? 0 : facingInside / (double) all;
    }
    /**
     * Per window pixel after {@link #borderDistance}: 0 outside the silhouette, 1 on its outline, 2 next to it, ...
     * (city-block distance to the outside, capped).
     */
    byte[] edge = new byte[0];

    /**
     * Renders; returns false when the model projects outside the frame or behind the camera.
     *
     * @param r row-major model-to-camera rotation, t translation (mm)
     * @param margin extra pixels around the silhouette's box kept in the window
     */
    boolean render(WeightFreeModel m, double[] r, double[] t, DepthScene s, int margin) {
        // window from the projected bounding sphere
        double ccx = r[0] * m.center[0] + r[1] * m.center[1] + r[2] * m.center[2] + t[0];
        double ccy = r[3] * m.center[0] + r[4] * m.center[1] + r[5] * m.center[2] + t[1];
        double ccz = r[6] * m.center[0] + r[7] * m.center[1] + r[8] * m.center[2] + t[2];
        double radius = 0.5 * m.diameterMm;
        if (ccz - radius <= 1) {
            return false;
        }
        double uc = s.fx * ccx / ccz + s.cx, vc = s.fy * ccy / ccz + s.cy;
        double ru = s.fx * radius / (ccz - radius) + margin, rv = s.fy * radius / (ccz - radius) + margin;
        int a0 = (int) Math.max(0, Math.floor(uc - ru)), a1 = (int) Math.min(s.width - 1, Math.ceil(uc + ru));
        int b0 = (int) Math.max(0, Math.floor(vc - rv)), b1 = (int) Math.min(s.height - 1, Math.ceil(vc + rv));
        if (a0 > a1 || b0 > b1) {
            return false;
        }
        u0 = a0;
        v0 = b0;
        w = a1 - a0 + 1;
        h = b1 - b0 + 1;
        int size = w * h;
        if (depth.length < size) {
            depth = new float[size];
            point = new int[size];
            normal = new float[3 * size];
        }
        Arrays.fill(depth, 0, size, Float.POSITIVE_INFINITY);
        Arrays.fill(point, 0, size, -1);
        target.depth = depth;
        target.point = point;
        target.normal = normal;
        target.facingInside = 0;
        target.facingOutside = 0;
        m.splats.splat(r, t, s.fx, s.fy, s.cx, s.cy, s.width, s.height, u0, v0, w, h, target);
        facingInside = target.facingInside;
        facingOutside = target.facingOutside;
        fillHoles();
        area = 0;
        for (int k = 0; k < size; k++) {
            if (point[k] >= 0) {
                area++;
            }
        }
        return area > 0;
    }

    /** Closes single-pixel gaps: an outside pixel between two inside ones (in a row or a column) takes the nearer. */
    private void fillHoles() {
        for (int v = 1; v < h - 1; v++) {
            for (int u = 1; u < w - 1; u++) {
                int k = v * w + u;
                if (point[k] >= 0) {
                    continue;
                }
                int a = -1;
                if (point[k - 1] >= 0 && point[k + 1] >= 0) {
                    a = depth[k - 1] < depth[k + 1] ? k - 1 : k + 1;
                } else if (point[k - w] >= 0 && point[k + w] >= 0) {
                    a = depth[k - w] < depth[k + w] ? k - w : k + w;
                }
                if (a >= 0) {
                    depth[k] = depth[a];
                    point[k] = point[a];
                    normal[3 * k] = normal[3 * a];
                    normal[3 * k + 1] = normal[3 * a + 1];
                    normal[3 * k + 2] = normal[3 * a + 2];
                }
            }
        }
    }

    /** Fills {@link #edge} up to {@code cap} (two chamfer passes). */
    void borderDistance(int cap) {
        int size = w * h;
        if (edge.length < size) {
            edge = new byte[size];
        }
        int c = Math.min(cap, 100);
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                int k = v * w + u;
                if (point[k] < 0) {
                    edge[k] = 0;
                    continue;
                }
                int d = c;
                d = Math.min(d, u > 0 ? edge[k - 1] + 1 : 1);
                d = Math.min(d, v > 0 ? edge[k - w] + 1 : 1);
                edge[k] = (byte) d;
            }
        }
        for (int v = h - 1; v >= 0; v--) {
            for (int u = w - 1; u >= 0; u--) {
                int k = v * w + u;
                if (edge[k] == 0) {
                    continue;
                }
                int d = edge[k];
                d = Math.min(d, u + 1 < w ? edge[k + 1] + 1 : 1);
                d = Math.min(d, v + 1 < h ? edge[k + w] + 1 : 1);
                edge[k] = (byte) d;
            }
        }
    }

    boolean inside(int k) {
        return point[k] >= 0;
    }
}
