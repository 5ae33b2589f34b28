package io.sam6d.vision.geometry;

/** Least-squares plane normals by PCA of a small neighbourhood (mm). */
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
        double mx = 0, my = 0, mz = 0;
        for (int i = 0; i < count; i++) {
            mx += xyz[3 * idx[i]];
            my += xyz[3 * idx[i] + 1];
            mz += xyz[3 * idx[i] + 2];
        }
        mx /= count;
        my /= count;
        mz /= count;
        java.util.Arrays.fill(cov, 0);
        for (int i = 0; i < count; i++) {
            double dx = xyz[3 * idx[i]] - mx, dy = xyz[3 * idx[i] + 1] - my, dz = xyz[3 * idx[i] + 2] - mz;
            cov[0] += dx * dx;
            cov[1] += dx * dy;
            cov[2] += dx * dz;
            cov[4] += dy * dy;
            cov[5] += dy * dz;
            cov[8] += dz * dz;
        }
        cov[3] = cov[1];
        cov[6] = cov[2];
        cov[7] = cov[5];
        return smallestEigenvector(cov);
    }

    /** Eigenvector of the smallest eigenvalue of a symmetric 3x3 matrix (row-major), by Jacobi rotations. */
    public static double[] smallestEigenvector(double[] sym) {
        double[] a = sym.clone();
        double[] v = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        for (int sweep = 0; sweep < 30; sweep++) {
            double off = a[1] * a[1] + a[2] * a[2] + a[5] * a[5];
            if (off < 1e-30) {
                break;
            }
            for (int p = 0; p < 2; p++) {
                for (int q = p + 1; q < 3; q++) {
                    double apq = a[p * 3 + q];
                    if (Math.abs(apq) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q * 3 + q] - a[p * 3 + p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < 3; k++) {
                        double akp = a[k * 3 + p], akq = a[k * 3 + q];
                        a[k * 3 + p] = c * akp - s * akq;
                        a[k * 3 + q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < 3; k++) {
                        double apk = a[p * 3 + k], aqk = a[q * 3 + k];
                        a[p * 3 + k] = c * apk - s * aqk;
                        a[q * 3 + k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < 3; k++) {
                        double vkp = v[k * 3 + p], vkq = v[k * 3 + q];
                        v[k * 3 + p] = c * vkp - s * vkq;
                        v[k * 3 + q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        int m = 0;
        for (int i = 1; i < 3; i++) {
            if (a[i * 3 + i] < a[m * 3 + m]) {
                m = i;
            }
        }
        double x = v[m], y = v[3 + m], z = v[6 + m];
        double n = Math.sqrt(x * x + y * y + z * z);
        return new double[] {x / n, y / n, z / n};
    }
}
