package io.sam6d.vision.segmentation;

/**
 * Surface normals of a {@link DepthScene}'s back-projected points: per pixel, the cross product of the horizontal
 * and vertical tangents between box means of the neighbouring points (integral images, so the support grows with
 * depth at no cost), oriented towards the camera; none next to depth steps.
 */
final class SceneNormals {

    private SceneNormals() {
    }

    static void compute(DepthScene s) {
        int w1 = s.width + 1;
        int n1 = w1 * (s.height + 1);
        double[] sx = new double[n1], sy = new double[n1], sz = new double[n1];
        int[] sc = new int[n1];
        for (int v = 0; v < s.height; v++) {
            double rx = 0, ry = 0, rz = 0;
            int rc = 0;
            for (int u = 0; u < s.width; u++) {
                int i = v * s.width + u;
                if (s.z[i] > 0) {
                    rx += s.x[i];
                    ry += s.y[i];
                    rz += s.z[i];
                    rc++;
                }
                int o = (v + 1) * w1 + u + 1;
                sx[o] = sx[o - w1] + rx;
                sy[o] = sy[o - w1] + ry;
                sz[o] = sz[o - w1] + rz;
                sc[o] = sc[o - w1] + rc;
            }
        }
        double[] a = new double[4], b = new double[4];
        for (int v = 0; v < s.height; v++) {
            for (int u = 0; u < s.width; u++) {
                int i = v * s.width + u;
                if (s.z[i] <= 0) {
                    continue;
                }
                int r = s.normalRadiusPx(s.z[i]);
                int h = Math.max(1, r / 2);
                if (u - r < 0 || u + r >= s.width || v - r < 0 || v + r >= s.height) {
                    continue;
                }
                // horizontal tangent: right box minus left box (each r wide, 2h+1 tall)
                if (!boxMean(sx, sy, sz, sc, w1, u + 1, v - h, u + r, v + h, a)
                        || !boxMean(sx, sy, sz, sc, w1, u - r, v - h, u - 1, v + h, b)) {
                    continue;
                }
                double jump = s.jumpMm(s.z[i]) * r * 0.5;
                if (Math.abs(a[2] - s.z[i]) > jump || Math.abs(b[2] - s.z[i]) > jump) {
                    continue;
                }
                double tx = a[0] - b[0], ty = a[1] - b[1], tz = a[2] - b[2];
                if (!boxMean(sx, sy, sz, sc, w1, u - h, v + 1, u + h, v + r, a)
                        || !boxMean(sx, sy, sz, sc, w1, u - h, v - r, u + h, v - 1, b)) {
                    continue;
                }
                if (Math.abs(a[2] - s.z[i]) > jump || Math.abs(b[2] - s.z[i]) > jump) {
                    continue;
                }
                double qx = a[0] - b[0], qy = a[1] - b[1], qz = a[2] - b[2];
                double cxn = qy * tz - qz * ty, cyn = qz * tx - qx * tz, czn = qx * ty - qy * tx;
                double len = Math.sqrt(cxn * cxn + cyn * cyn + czn * czn);
                if (len == 0) {
                    continue;
                }
                if (cxn * s.x[i] + cyn * s.y[i] + czn * s.z[i] > 0) {
                    len = -len;
                }
                s.nx[i] = (float) (cxn / len);
                s.ny[i] = (float) (cyn / len);
                s.nz[i] = (float) (czn / len);
            }
        }
    }

    /** Mean of the valid points in the pixel box [u0..u1] x [v0..v1]; false when fewer than half are valid. */
    private static boolean boxMean(double[] sx, double[] sy, double[] sz, int[] sc, int w1, int u0, int v0, int u1,
            int v1, double[] out) {
        int a = v0 * w1 + u0, b = v0 * w1 + u1 + 1, c = (v1 + 1) * w1 + u0, d = (v1 + 1) * w1 + u1 + 1;
        int cnt = sc[d] - sc[b] - sc[c] + sc[a];
        int area = (u1 - u0 + 1) * (v1 - v0 + 1);
        if (cnt * 2 < area || cnt == 0) {
            return false;
        }
        out[0] = (sx[d] - sx[b] - sx[c] + sx[a]) / cnt;
        out[1] = (sy[d] - sy[b] - sy[c] + sy[a]) / cnt;
        out[2] = (sz[d] - sz[b] - sz[c] + sz[a]) / cnt;
        return true;
    }
}
