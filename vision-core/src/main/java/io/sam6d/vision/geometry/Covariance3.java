package io.sam6d.vision.geometry;

/**
 * Accumulating the 3x3 covariance (scatter) matrix of points, row-major {@code double[9]} at an offset of an array:
 * add each point's deviation from the mean to the upper triangle, then divide and mirror once.
 */
public final class Covariance3 {

    private Covariance3() {
    }

    /** Adds the upper triangle of {@code d d^T}, d = (dx, dy, dz), to {@code m[o..o+8]}. */
    public static void addUpper(double[] m, int o, double dx, double dy, double dz) {
        m[o] += dx * dx;
        m[o + 1] += dx * dy;
        m[o + 2] += dx * dz;
        m[o + 4] += dy * dy;
        m[o + 5] += dy * dz;
        m[o + 8] += dz * dz;
    }

    /** Copies the upper triangle of {@code m[o..o+8]} to the lower. */
    public static void mirror(double[] m, int o) {
        m[o + 3] = m[o + 1];
        m[o + 6] = m[o + 2];
        m[o + 7] = m[o + 5];
    }

    /** Divides the upper triangle's sums by {@code count}, then mirrors it: the covariance of the points. */
    public static void divideAndMirror(double[] m, int o, double count) {
        for (int k = 0; k < 9; k++) {
            m[o + k] /= count;
        }
        mirror(m, o);
    }
}
