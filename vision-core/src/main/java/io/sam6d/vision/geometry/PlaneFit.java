package io.sam6d.vision.geometry;

/** Least-squares planes and plane normals by PCA of a point set (mm). */
public final class PlaneFit {

    private PlaneFit() {
    }

    /**
     * Unit normal of the plane through {@code xyz[3*idx[i]..]} for i &lt; count: the eigenvector of the smallest
     * eigenvalue of their covariance. Sign is arbitrary. {@code cov} is 9 doubles of scratch space.
     */
    public static double[] normalOf(float[] xyz, int[] idx, int count, double[] cov) {
        if (count < 3) {
            return new double[] {0, 0, 1};
        }
        mean(xyz, idx, count, cov);
        return normalAbout(xyz, idx, count, cov[0], cov[1], cov[2], cov);
    }

    /**
     * The least-squares plane through {@code xyz[3*idx[i]..]} for i &lt; count, {@code {a, b, c, d}} as
     * {@link PlaneRansac} writes planes (unit normal, the origin on the positive side).
     */
    public static double[] plane(float[] xyz, int[] idx, int count) {
        double[] cov = new double[9];
        mean(xyz, idx, count, cov);
        double mx = cov[0], my = cov[1], mz = cov[2];
        double[] nrm = count < 3 ? new double[] {0, 0, 1} : normalAbout(xyz, idx, count, mx, my, mz, cov);
        double d = -(nrm[0] * mx + nrm[1] * my + nrm[2] * mz);
        return d < 0 ? new double[] {-nrm[0], -nrm[1], -nrm[2], -d} : new double[] {nrm[0], nrm[1], nrm[2], d};
    }

    /** Mean of the points into {@code out[0..2]}. */
    private static void mean(float[] xyz, int[] idx, int count, double[] out) {
        double mx = 0, my = 0, mz = 0;
        for (int i = 0; i < count; i++) {
            mx += xyz[3 * idx[i]];
            my += xyz[3 * idx[i] + 1];
            mz += xyz[3 * idx[i] + 2];
        }
        out[0] = mx / count;
        out[1] = my / count;
        out[2] = mz / count;
    }

    /** Smallest-eigenvalue eigenvector of the points' covariance about (mx, my, mz); {@code cov} is scratch. */
    private static double[] normalAbout(float[] xyz, int[] idx, int count, double mx, double my, double mz,
            double[] cov) {
        java.util.Arrays.fill(cov, 0);
        for (int i = 0; i < count; i++) {
            double dx = xyz[3 * idx[i]] - mx, dy = xyz[3 * idx[i] + 1] - my, dz = xyz[3 * idx[i] + 2] - mz;
            Covariance3.addUpper(cov, 0, dx, dy, dz);
        }
        Covariance3.mirror(cov, 0);
        return Eigen3.smallestEigenvector(cov);
    }
}
