package io.sam6d.vision.pose;

import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.geometry.Eigen3;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.Mask;

/**
 * Observed 3D points with unit normals in the camera frame (mm), as ICP and point-pair matching use them. Normals
 * point towards the camera. Each point remembers the pixel it came from ({@code y * width + x}), or -1 when it is
 * an average of several pixels. Immutable; the arrays are shared, treat them as read-only.
 */
public final class SceneCloud {

    private final float[] xyz;
    private final float[] normals;
    private final int[] pixels;
    private final int imageWidth;

    /**
     * @param xyz        3 floats per point, camera frame, mm
     * @param normals    3 floats per point, unit length
     * @param pixels     source pixel per point ({@code y * imageWidth + x}) or -1
     * @param imageWidth width of the source image, 0 when unknown
     */
    public SceneCloud(float[] xyz, float[] normals, int[] pixels, int imageWidth) {
        if (xyz.length % 3 != 0 || normals.length != xyz.length || pixels.length * 3 != xyz.length) {
            throw new IllegalArgumentException("scene cloud needs 3 coordinates, 3 normal components and 1 pixel per point");
        }
        this.xyz = xyz;
        this.normals = normals;
        this.pixels = pixels;
        this.imageWidth = imageWidth;
    }

    /**
     * Back-projects the valid depth pixels of a region and fits a normal to each from its depth neighbourhood.
     *
     * @param depth          depth in mm, 0 = none
     * @param camera         intrinsics of the depth image
     * @param region         pixels to take, or null for all
     * @param roi            {@code [x, y, w, h]} window to take pixels from, or null for the whole image (or the
     *                       region's bounding box when a region is given)
     * @param pixelStride    take every {@code pixelStride}-th pixel in x and y (&gt;= 1)
     * @param normalRadiusMm normals are fitted to the depth points within about this distance, mm; points with too
     *                       few neighbours are dropped
     */
    public static SceneCloud fromDepth(DepthImage depth, CameraIntrinsics camera, Mask region, int[] roi,
            int pixelStride, double normalRadiusMm) {
        int w = depth.width(), h = depth.height();
        if (region != null && (region.width() != w || region.height() != h)) {
            throw new IllegalArgumentException("region mask must have the depth image's size");
        }
        if (pixelStride < 1 || !(normalRadiusMm > 0)) {
            throw new IllegalArgumentException("pixelStride must be >= 1 and normalRadiusMm > 0");
        }
        int[] win = roi != null ? roi : region != null ? region.bbox() : new int[] {0, 0, w, h};
        int x0 = Math.max(0, win[0]), y0 = Math.max(0, win[1]);
        int x1 = Math.min(w, win[0] + win[2]), y1 = Math.min(h, win[1] + win[3]);
        boolean[] bits = region != null ? region.bits() : null;
        float[] mm = depth.mm();
        int cap = Math.max(0, ((x1 - x0 + pixelStride - 1) / pixelStride) * ((y1 - y0 + pixelStride - 1) / pixelStride));
        float[] xyz = new float[3 * cap];
        float[] nrm = new float[3 * cap];
        int[] pix = new int[cap];
        int n = 0;
        double fx = camera.fx(), fy = camera.fy(), cx = camera.cx(), cy = camera.cy();
        double[] cov = new double[9];
        double r2 = normalRadiusMm * normalRadiusMm;
        for (int y = y0; y < y1; y += pixelStride) {
            for (int x = x0; x < x1; x += pixelStride) {
                int i = y * w + x;
                float z = mm[i];
                if (!(z > 0) || bits != null && !bits[i]) {
                    continue;
                }
                double px = (x - cx) * z / fx, py = (y - cy) * z / fy;
                // window of about the normal radius, sampled at most 7 x 7
                int rad = (int) Math.max(1, Math.min(12, Math.round(normalRadiusMm * fx / z)));
                int step = Math.max(1, rad / 3);
                double sx = 0, sy = 0, sz = 0, sxx = 0, sxy = 0, sxz = 0, syy = 0, syz = 0, szz = 0;
                int cnt = 0;
                for (int v = Math.max(0, y - rad); v <= Math.min(h - 1, y + rad); v += step) {
                    for (int u = Math.max(0, x - rad); u <= Math.min(w - 1, x + rad); u += step) {
                        float zz = mm[v * w + u];
                        if (!(zz > 0)) {
                            continue;
                        }
                        double qx = (u - cx) * zz / fx - px, qy = (v - cy) * zz / fy - py, qz = zz - z;
                        if (qx * qx + qy * qy + qz * qz > r2) {
                            continue;
                        }
                        sx += qx;
                        sy += qy;
                        sz += qz;
                        sxx += qx * qx;
                        sxy += qx * qy;
                        sxz += qx * qz;
                        syy += qy * qy;
                        syz += qy * qz;
                        szz += qz * qz;
                        cnt++;
                    }
                }
                if (cnt < 5) {
                    continue;
                }
                double mx = sx / cnt, my = sy / cnt, mz = sz / cnt;
                cov[0] = sxx / cnt - mx * mx;
                cov[1] = cov[3] = sxy / cnt - mx * my;
                cov[2] = cov[6] = sxz / cnt - mx * mz;
                cov[4] = syy / cnt - my * my;
                cov[5] = cov[7] = syz / cnt - my * mz;
                cov[8] = szz / cnt - mz * mz;
                double[] nv = Eigen3.smallestEigenvector(cov);
                double s = nv[0] * px + nv[1] * py + nv[2] * z > 0 ? -1 : 1;
                xyz[3 * n] = (float) px;
                xyz[3 * n + 1] = (float) py;
                xyz[3 * n + 2] = z;
                nrm[3 * n] = (float) (s * nv[0]);
                nrm[3 * n + 1] = (float) (s * nv[1]);
                nrm[3 * n + 2] = (float) (s * nv[2]);
                pix[n] = i;
                n++;
            }
        }
        return new SceneCloud(java.util.Arrays.copyOf(xyz, 3 * n), java.util.Arrays.copyOf(nrm, 3 * n),
                java.util.Arrays.copyOf(pix, n), w);
    }

    /**
     * Voxel subsampling that keeps differently oriented surfaces apart (Vidal et al. 2018): inside each voxel the
     * points are grouped by normal (a point joins a group whose first normal is within {@code normalAngleDeg}) and
     * each group becomes one point, the mean of its positions and normals. A group keeps the pixel of its first
     * point.
     */
    public SceneCloud voxelSubsample(double voxelMm, double normalAngleDeg) {
        int[] groups = CloudOps.voxelNormalGroups(xyz, normals, voxelMm, normalAngleDeg);
        float[][] merged = CloudOps.mergeGroups(xyz, normals, groups);
        int m = merged[0].length / 3;
        int[] pix = new int[m];
        java.util.Arrays.fill(pix, -1);
        for (int i = 0; i < groups.length; i++) {
            if (pix[groups[i]] < 0) {
                pix[groups[i]] = pixels[i];
            }
        }
        return new SceneCloud(merged[0], merged[1], pix, imageWidth);
    }

    /** The points whose source pixel lies in {@code mask} (points without a pixel are dropped). */
    public SceneCloud inside(Mask mask) {
        boolean[] bits = mask.bits();
        int n = size(), m = 0;
        int[] keep = new int[n];
        for (int i = 0; i < n; i++) {
            if (pixels[i] >= 0 && pixels[i] < bits.length && bits[pixels[i]]) {
                keep[m++] = i;
            }
        }
        return select(keep, m);
    }

    /** At most {@code maxPoints} points, evenly spread over the index order (all when there are fewer). */
    public SceneCloud atMost(int maxPoints) {
        int n = size();
        if (n <= maxPoints) {
            return this;
        }
        int[] keep = new int[maxPoints];
        for (int k = 0; k < maxPoints; k++) {
            keep[k] = (int) ((long) k * n / maxPoints);
        }
        return select(keep, maxPoints);
    }

    /** The points {@code idx[0..count)}. */
    public SceneCloud select(int[] idx, int count) {
        float[] p = new float[3 * count];
        float[] q = new float[3 * count];
        int[] px = new int[count];
        for (int k = 0; k < count; k++) {
            int i = idx[k];
            System.arraycopy(xyz, 3 * i, p, 3 * k, 3);
            System.arraycopy(normals, 3 * i, q, 3 * k, 3);
            px[k] = pixels[i];
        }
        return new SceneCloud(p, q, px, imageWidth);
    }

    public int size() {
        return pixels.length;
    }

    /** 3 floats per point, camera frame, mm. */
    public float[] points() {
        return xyz;
    }

    /** 3 floats per point, unit length, towards the camera. */
    public float[] normals() {
        return normals;
    }

    /** Source pixel per point ({@code y * imageWidth() + x}) or -1. */
    public int[] pixels() {
        return pixels;
    }

    public int imageWidth() {
        return imageWidth;
    }

    /** Mean of the points, mm ({0,0,0} when empty). */
    public double[] centroid() {
        return io.sam6d.vision.geometry.MeshOps.centroid(xyz);
    }
}
