package io.sam6d.vision.segmentation;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.sam6d.vision.geometry.Covariance3;
import io.sam6d.vision.geometry.Eigen3;
import io.sam6d.vision.geometry.PlaneRansac;

/**
 * The planes a {@link DepthScene} takes out before proposing surfaces: the support (a table, a floor) and, with
 * {@link ConfigWeightFreeSegmentation#extraPlanes}, walls. Each is found by RANSAC over a sample of the free pixels,
 * refitted by least squares to the inliers of the whole image and kept only when its inliers spread wider than the
 * objects asked for, so that a large object face is never taken for support. Its pixels become
 * {@link DepthScene#PLANE}; with {@link ConfigWeightFreeSegmentation#removeBeyondPlane}, what lies beyond the first
 * becomes {@link DepthScene#BEYOND}.
 */
final class SupportPlanes {

    private SupportPlanes() {
    }

    /** Finds and marks the planes; returns them in the order found. */
    static List<double[]> remove(DepthScene s, double widestFaceMm) {
        List<double[]> planes = new ArrayList<>();
        if (!s.config.removeSupportPlane) {
            return planes;
        }
        Random rnd = new Random(s.config.seed);
        for (int p = 0; p <= s.config.extraPlanes; p++) {
            double[] plane = find(s, rnd, widestFaceMm);
            if (plane == null) {
                break;
            }
            planes.add(plane);
            mark(s, plane, p == 0 && s.config.removeBeyondPlane);
        }
        return planes;
    }

    /**
     * RANSAC over a sample of the free pixels; the plane is kept only if its inliers spread wider than any face of the
     * objects asked for (a table, a floor, a wall), so that a large object face is never mistaken for support.
     */
    private static double[] find(DepthScene s, Random rnd, double widestFaceMm) {
        int n = s.width * s.height;
        int[] sample = new int[3000];
        int count = 0;
        int free = 0;
        for (int i = 0; i < n; i++) {
            if (s.kind[i] == DepthScene.FREE) {
                free++;
            }
        }
        if (free < 500) {
            return null;
        }
        // reservoir-free: stride sampling with a random phase keeps it repeatable and spread over the image
        double stride = free / (double) sample.length;
        double next = rnd.nextDouble() * stride;
        int seen = 0;
        for (int i = 0; i < n && count < sample.length; i++) {
            if (s.kind[i] == DepthScene.FREE) {
                if (seen >= next) {
                    sample[count++] = i;
                    next += stride;
                }
                seen++;
            }
        }
        float[] pts = new float[3 * count];
        double[] tol = new double[count];
        for (int k = 0; k < count; k++) {
            int i = sample[k];
            pts[3 * k] = s.x[i];
            pts[3 * k + 1] = s.y[i];
            pts[3 * k + 2] = s.z[i];
            tol[k] = s.planeTolMm(s.z[i]);
        }
        PlaneRansac.Result found = PlaneRansac.best(pts, count, tol, rnd, s.config.planeIterations, 1e-3, null);
        if (found == null || found.inliers() < 0.08 * count) {
            return null;
        }
        double[] best = found.plane();
        // least-squares refit on the inliers of the whole image, twice
        for (int round = 0; round < 2; round++) {
            best = refit(s, best);
            if (best == null) {
                return null;
            }
        }
        if (best[3] < 0) {
            // camera (origin) on the positive side
            for (int k = 0; k < 4; k++) {
                best[k] = -best[k];
            }
        }
        if (!wideEnough(s, best, widestFaceMm)) {
            return null;
        }
        return best;
    }

    private static double[] refit(DepthScene s, double[] plane) {
        double[] m = inlierMoments(s, plane, 1, 100);
        if (m == null) {
            return null;
        }
        double[] nrm = Eigen3.smallestEigenvector(java.util.Arrays.copyOfRange(m, 3, 12));
        return new double[] {nrm[0], nrm[1], nrm[2], -(nrm[0] * m[0] + nrm[1] * m[1] + nrm[2] * m[2])};
    }

    /**
     * Mean (3) and covariance (9, row-major, divided by the count) of the free points within the plane's tolerance,
     * every {@code stride}-th pixel; null when fewer than {@code minCount} lie on it.
     */
    private static double[] inlierMoments(DepthScene s, double[] plane, int stride, int minCount) {
        int n = s.width * s.height;
        double mx = 0, my = 0, mz = 0;
        int cnt = 0;
        for (int i = 0; i < n; i += stride) {
            if (s.kind[i] == DepthScene.FREE && Math.abs(s.dist(plane, i)) < s.planeTolMm(s.z[i])) {
                mx += s.x[i];
                my += s.y[i];
                mz += s.z[i];
                cnt++;
            }
        }
        if (cnt < minCount) {
            return null;
        }
        mx /= cnt;
        my /= cnt;
        mz /= cnt;
        double[] out = new double[12];
        out[0] = mx;
        out[1] = my;
        out[2] = mz;
        for (int i = 0; i < n; i += stride) {
            if (s.kind[i] == DepthScene.FREE && Math.abs(s.dist(plane, i)) < s.planeTolMm(s.z[i])) {
                double dx = s.x[i] - mx, dy = s.y[i] - my, dz = s.z[i] - mz;
                Covariance3.addUpper(out, 3, dx, dy, dz);
            }
        }
        Covariance3.divideAndMirror(out, 3, cnt);
        return out;
    }

    private static boolean wideEnough(DepthScene s, double[] plane, double widestFaceMm) {
        double[] m = inlierMoments(s, plane, 3, 50);
        if (m == null) {
            return false;
        }
        double[] cov = java.util.Arrays.copyOfRange(m, 3, 12);
        // the second largest spread of the inliers: the middle eigenvalue
        double[] ev = Eigen3.eigenvalues(cov);
        double secondStd = Math.sqrt(Math.max(0, ev[1]));
        // a uniform spread over length L has std L / sqrt(12)
        return secondStd * Math.sqrt(12) >= s.config.planeMinExtentFaces * widestFaceMm;
    }

    private static void mark(DepthScene s, double[] plane, boolean beyond) {
        int n = s.width * s.height;
        double cosMax = Math.cos(Math.toRadians(30));
        for (int i = 0; i < n; i++) {
            if (s.kind[i] != DepthScene.FREE) {
                continue;
            }
            double d = s.dist(plane, i);
            double tol = s.planeTolMm(s.z[i]);
            if (Math.abs(d) < tol) {
                boolean normalOk = s.nz[i] == 0 && s.nx[i] == 0 && s.ny[i] == 0
                        || Math.abs(s.nx[i] * plane[0] + s.ny[i] * plane[1] + s.nz[i] * plane[2]) > cosMax;
                // a point very close to the plane is plane whatever its normal (noise at the contact line)
                if (normalOk || Math.abs(d) < 0.5 * tol) {
                    s.kind[i] = DepthScene.PLANE;
                }
            } else if (beyond && d < -tol) {
                s.kind[i] = DepthScene.BEYOND;
            }
        }
    }
}
