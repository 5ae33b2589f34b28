package io.sam6d.vision.geometry;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Eigen-decomposition of symmetric 3x3 matrices (covariances of point sets, row-major {@code double[9]}): EJML,
 * except {@link #smallestEigenvector}, which stays hand-written for its hot loop. The suite's other small solvers
 * that stay hand-written, each saying why: the damped 6x6 Cholesky of ICP ({@code PointToPlaneIcp.solveDamped})
 * and the polar decomposition of {@link RigidTransform#orthonormalized()}.
 */
public final class Eigen3 {

    private Eigen3() {
    }

    /** Eigenvalues, descending. */
    public static double[] eigenvalues(double[] sym) {
        EigenDecomposition_F64<DMatrixRMaj> eig = decompose(sym, false);
        double[] ev = {eig.getEigenvalue(0).getReal(), eig.getEigenvalue(1).getReal(), eig.getEigenvalue(2).getReal()};
        java.util.Arrays.sort(ev);
        return new double[] {ev[2], ev[1], ev[0]};
    }

    /**
     * Unit eigenvector of the largest eigenvalue, signed to point along {@code (1, 0.5, 0.25)} (so that the same
     * matrix always gives the same vector).
     */
    public static double[] largestEigenvector(double[] sym) {
        EigenDecomposition_F64<DMatrixRMaj> eig = decompose(sym, true);
        int best = 0;
        for (int k = 1; k < 3; k++) {
            if (eig.getEigenvalue(k).getReal() > eig.getEigenvalue(best).getReal()) {
                best = k;
            }
        }
        DMatrixRMaj v = eig.getEigenVector(best);
        double[] out = Vec3.normalize(new double[] {v.get(0), v.get(1), v.get(2)});
        if (out[0] + 0.5 * out[1] + 0.25 * out[2] < 0) {
            out = new double[] {-out[0], -out[1], -out[2]};
        }
        return out;
    }

    private static EigenDecomposition_F64<DMatrixRMaj> decompose(double[] sym, boolean vectors) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(3, vectors, true);
        if (!eig.decompose(new DMatrixRMaj(3, 3, true, sym))) {
            throw new IllegalArgumentException("eigen-decomposition failed (non-finite matrix?)");
        }
        return eig;
    }

    /**
     * Unit eigenvector of the smallest eigenvalue of a symmetric 3x3 matrix (row-major), by Jacobi rotations; sign
     * arbitrary. Stays hand-written: it runs once per depth pixel (the scene normals of pose estimation) and per
     * vertex (point-set normals), a measured hot loop where EJML's general decomposition with its allocations costs
     * several times more.
     */
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
