package io.sam6d.vision.geometry;

import java.util.Random;
import java.util.function.Predicate;

/**
 * RANSAC for the dominant plane of a point set (camera frame, mm): planes through three random points, each scored
 * by the points within their tolerance of it; the plane with most inliers wins. Used for the support plane of a
 * whole scene (segmentation) and of one posed object (pose); each caller refits the winner by least squares its own
 * way. A plane is {@code {a, b, c, d}}: unit normal (a, b, c), {@code a x + b y + c z + d} the signed distance, and
 * {@code d >= 0}, so the camera (origin) is on the positive side.
 */
public final class PlaneRansac {

    /**
     * @param plane   the winning hypothesis
     * @param inliers how many points lie within their tolerance of it
     */
    public record Result(double[] plane, int inliers) {
    }

    private PlaneRansac() {
    }

    /**
     * @param xyz        the points, 3 floats each, mm
     * @param n          how many of them to use
     * @param tolMm      per point: the largest distance from a plane at which it still counts as on it, mm
     * @param iterations hypotheses drawn
     * @param minSine    three points whose spanned triangle has {@code |u x v| <= minSine |u| |v|} (nearly
     *                   collinear) make no hypothesis
     * @param accept     hypotheses it rejects are not scored (e.g. planes the object does not stand on); null for all
     * @return the plane with most inliers, or null when no hypothesis was made
     */
    public static Result best(float[] xyz, int n, double[] tolMm, Random rnd, int iterations, double minSine,
            Predicate<double[]> accept) {
        double[] best = null;
        int bestInliers = 0;
        double[] plane = new double[4];
        for (int it = 0; it < iterations; it++) {
            int a = rnd.nextInt(n), b = rnd.nextInt(n), c = rnd.nextInt(n);
            if (!planeThrough(xyz, a, b, c, minSine, plane) || accept != null && !accept.test(plane)) {
                continue;
            }
            int in = countInliers(xyz, n, tolMm, plane);
            if (in > bestInliers) {
                bestInliers = in;
                best = plane.clone();
            }
        }
        return best == null ? null : new Result(best, bestInliers);
    }

    /** Points within their tolerance of {@code plane}. */
    public static int countInliers(float[] xyz, int n, double[] tolMm, double[] plane) {
        int in = 0;
        for (int i = 0; i < n; i++) {
            if (Math.abs(distance(plane, xyz, i)) <= tolMm[i]) {
                in++;
            }
        }
        return in;
    }

    /** Signed distance of point {@code i} of {@code xyz} from {@code plane}, mm. */
    public static double distance(double[] plane, float[] xyz, int i) {
        return plane[0] * xyz[3 * i] + plane[1] * xyz[3 * i + 1] + plane[2] * xyz[3 * i + 2] + plane[3];
    }

    /**
     * The plane through points a, b, c (camera on its positive side) into {@code out}; false when they are (nearly)
     * collinear.
     */
    static boolean planeThrough(float[] p, int a, int b, int c, double minSine, double[] out) {
        double ux = p[3 * b] - p[3 * a], uy = p[3 * b + 1] - p[3 * a + 1], uz = p[3 * b + 2] - p[3 * a + 2];
        double vx = p[3 * c] - p[3 * a], vy = p[3 * c + 1] - p[3 * a + 1], vz = p[3 * c + 2] - p[3 * a + 2];
        double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
        double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
        double lu = Math.sqrt(ux * ux + uy * uy + uz * uz), lv = Math.sqrt(vx * vx + vy * vy + vz * vz);
        if (!(len > minSine * lu * lv) || !(len > 1e-6)) {
            return false;
        }
        nx /= len;
        ny /= len;
        nz /= len;
        double d = -(nx * p[3 * a] + ny * p[3 * a + 1] + nz * p[3 * a + 2]);
        if (d < 0) {
            nx = -nx;
            ny = -ny;
            nz = -nz;
            d = -d;
        }
        out[0] = nx;
        out[1] = ny;
        out[2] = nz;
        out[3] = d;
        return true;
    }
}
