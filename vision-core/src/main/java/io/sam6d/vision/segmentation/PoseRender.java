package io.sam6d.vision.segmentation;

import java.util.Arrays;

/**
 * The dense model sample of a {@link WeightFreeModel} splatted into a window of the frame at a pose: per pixel the
 * nearest model depth (mm) and which point is seen there. Back-facing points are skipped; each point covers a
 * square about its spacing wide, so the silhouette has no holes.
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
        float[] p = m.points;
        float[] nrm = m.normals;
        int n = p.length / 3;
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
        facingInside = 0;
        facingOutside = 0;
        Arrays.fill(point, 0, size, -1);
        // random samples leave exp(-c^2) of the surface uncovered by squares of side c / sqrt(density); c = 2
        // leaves 2 %, which the hole filling below closes
        double splatMm = 2.0 * m.spacingMm;
        for (int i = 0; i < n; i++) {
            double mx = p[3 * i], my = p[3 * i + 1], mz = p[3 * i + 2];
            double x = r[0] * mx + r[1] * my + r[2] * mz + t[0];
            double y = r[3] * mx + r[4] * my + r[5] * mz + t[1];
            double z = r[6] * mx + r[7] * my + r[8] * mz + t[2];
            if (z <= 1) {
                continue;
            }
            double qx = r[0] * nrm[3 * i] + r[1] * nrm[3 * i + 1] + r[2] * nrm[3 * i + 2];
            double qy = r[3] * nrm[3 * i] + r[4] * nrm[3 * i + 1] + r[5] * nrm[3 * i + 2];
            double qz = r[6] * nrm[3 * i] + r[7] * nrm[3 * i + 1] + r[8] * nrm[3 * i + 2];
            if (qx * x + qy * y + qz * z > 0.1 * Math.sqrt(x * x + y * y + z * z)) {
                continue; // faces away from the camera
            }
            double fu = s.fx * x / z + s.cx, fv = s.fy * y / z + s.cy;
            if (fu < -0.5 || fv < -0.5 || fu > s.width - 0.5 || fv > s.height - 0.5) {
                facingOutside++;
            } else {
                facingInside++;
            }
            double u = fu - u0, v = fv - v0;
            double half = 0.5 * splatMm * s.fx / z;
            int ua = (int) Math.round(u - half), ub = (int) Math.round(u + half);
            int va = (int) Math.round(v - half), vb = (int) Math.round(v + half);
            if (ub < 0 || vb < 0 || ua >= w || va >= h) {
                continue;
            }
            ua = Math.max(0, ua);
            va = Math.max(0, va);
            ub = Math.min(w - 1, ub);
            vb = Math.min(h - 1, vb);
            float zf = (float) z;
            for (int vv = va; vv <= vb; vv++) {
                int row = vv * w;
                for (int uu = ua; uu <= ub; uu++) {
                    int k = row + uu;
                    if (zf < depth[k]) {
                        depth[k] = zf;
                        point[k] = i;
                        normal[3 * k] = (float) qx;
                        normal[3 * k + 1] = (float) qy;
                        normal[3 * k + 2] = (float) qz;
                    }
                }
            }
        }
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
