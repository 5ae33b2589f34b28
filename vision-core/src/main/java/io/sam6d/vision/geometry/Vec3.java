package io.sam6d.vision.geometry;

/** Small operations on 3-vectors held as {@code double[3]}; results are new arrays. */
public final class Vec3 {

    private Vec3() {
    }

    public static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    public static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    public static double norm(double[] v) {
        return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }

    /**
     * The unit vector along {@code v}.
     *
     * @throws IllegalArgumentException for the zero vector
     */
    public static double[] normalize(double[] v) {
        double n = norm(v);
        if (n == 0) {
            throw new IllegalArgumentException("zero-length direction");
        }
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
    }

    /** A unit vector perpendicular to the unit vector {@code a} (crossed with x, or with y when a is near x). */
    public static double[] perpendicular(double[] a) {
        double[] other = Math.abs(a[0]) < 0.9 ? new double[] {1, 0, 0} : new double[] {0, 1, 0};
        return normalize(cross(a, other));
    }
}
