package io.sam6d.vision.geometry;

import java.util.Arrays;

/**
 * A rigid transform {@code x' = R x + t}: rotation {@code r} as 9 numbers row-major, translation {@code t} in
 * millimetres. As a pose it maps model points into the camera frame (BOP's {@code cam_R_m2c}, {@code cam_t_m2c}).
 * Immutable: the arrays are copied in and out.
 */
public final class RigidTransform {

    private static final RigidTransform IDENTITY = new RigidTransform(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1},
            new double[3]);

    private final double[] r;
    private final double[] t;

    public RigidTransform(double[] rowMajorR, double[] tMm) {
        if (rowMajorR.length != 9 || tMm.length != 3) {
            throw new IllegalArgumentException("R needs 9 numbers and t 3");
        }
        this.r = rowMajorR.clone();
        this.t = tMm.clone();
    }

    public static RigidTransform identity() {
        return IDENTITY;
    }

    /** A rotation about a unit axis by an angle in radians (Rodrigues), with translation t (mm). */
    public static RigidTransform fromAxisAngle(double ax, double ay, double az, double angleRad, double[] tMm) {
        double n = Math.sqrt(ax * ax + ay * ay + az * az);
        if (n == 0) {
            return new RigidTransform(IDENTITY.r, tMm);
        }
        ax /= n;
        ay /= n;
        az /= n;
        double c = Math.cos(angleRad);
        double s = Math.sin(angleRad);
        double k = 1 - c;
        double[] r = {
            c + ax * ax * k, ax * ay * k - az * s, ax * az * k + ay * s,
            ay * ax * k + az * s, c + ay * ay * k, ay * az * k - ax * s,
            az * ax * k - ay * s, az * ay * k + ax * s, c + az * az * k};
        return new RigidTransform(r, tMm);
    }

    /** Row-major rotation, a copy. */
    public double[] rotation() {
        return r.clone();
    }

    /** Translation in millimetres, a copy. */
    public double[] translation() {
        return t.clone();
    }

    public double r(int row, int col) {
        return r[row * 3 + col];
    }

    public double t(int i) {
        return t[i];
    }

    /** Applies the transform to (x, y, z) and writes the result to {@code out[offset..offset+2]}. */
    public void apply(double x, double y, double z, double[] out, int offset) {
        out[offset] = r[0] * x + r[1] * y + r[2] * z + t[0];
        out[offset + 1] = r[3] * x + r[4] * y + r[5] * z + t[1];
        out[offset + 2] = r[6] * x + r[7] * y + r[8] * z + t[2];
    }

    public double[] apply(double x, double y, double z) {
        double[] out = new double[3];
        apply(x, y, z, out, 0);
        return out;
    }

    /** Rotates a direction (no translation). */
    public double[] rotate(double x, double y, double z) {
        return new double[] {r[0] * x + r[1] * y + r[2] * z, r[3] * x + r[4] * y + r[5] * z,
            r[6] * x + r[7] * y + r[8] * z};
    }

    /** {@code this ∘ other}: first {@code other}, then {@code this}. */
    public RigidTransform compose(RigidTransform other) {
        double[] rr = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                rr[i * 3 + j] = r[i * 3] * other.r[j] + r[i * 3 + 1] * other.r[3 + j] + r[i * 3 + 2] * other.r[6 + j];
            }
        }
        double[] tt = apply(other.t[0], other.t[1], other.t[2]);
        return new RigidTransform(rr, tt);
    }

    public RigidTransform inverse() {
        double[] rt = {r[0], r[3], r[6], r[1], r[4], r[7], r[2], r[5], r[8]};
        double[] ti = {
            -(rt[0] * t[0] + rt[1] * t[1] + rt[2] * t[2]),
            -(rt[3] * t[0] + rt[4] * t[1] + rt[5] * t[2]),
            -(rt[6] * t[0] + rt[7] * t[1] + rt[8] * t[2])};
        return new RigidTransform(rt, ti);
    }

    /** Angle of the relative rotation between this and other, in radians (0..pi). */
    public double rotationAngleTo(RigidTransform other) {
        double trace = 0;
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) {
                trace += r[k * 3 + i] * other.r[k * 3 + i];
            }
        }
        return Math.acos(Math.max(-1, Math.min(1, (trace - 1) / 2)));
    }

    /** Euclidean distance between the translations, mm. */
    public double translationDistanceTo(RigidTransform other) {
        double dx = t[0] - other.t[0];
        double dy = t[1] - other.t[1];
        double dz = t[2] - other.t[2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    /**
     * Nearest proper rotation to R (SVD-free: a few Newton iterations of polar decomposition), same t. Stays
     * hand-written (not EJML's SVD): it closes every ICP refinement, in the measured inner loops of both engines,
     * and the poses chosen downstream depend on its last bits (with EJML's SVD the ycbv_real benchmark's mug poses
     * moved by up to 4 mm).
     */
    public RigidTransform orthonormalized() {
        double[] q = r.clone();
        for (int it = 0; it < 10; it++) {
            double[] inv = invert3(q);
            double maxDelta = 0;
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    double v = 0.5 * (q[i * 3 + j] + inv[j * 3 + i]);
                    maxDelta = Math.max(maxDelta, Math.abs(v - q[i * 3 + j]));
                    q[i * 3 + j] = v;
                }
            }
            if (maxDelta < 1e-15) {
                break;
            }
        }
        return new RigidTransform(q, t);
    }

    private static double[] invert3(double[] m) {
        double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5], g = m[6], h = m[7], i = m[8];
        double A = e * i - f * h, B = -(d * i - f * g), C = d * h - e * g;
        double det = a * A + b * B + c * C;
        return new double[] {A / det, -(b * i - c * h) / det, (b * f - c * e) / det,
            B / det, (a * i - c * g) / det, -(a * f - c * d) / det,
            C / det, -(a * h - b * g) / det, (a * e - b * d) / det};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RigidTransform other && Arrays.equals(r, other.r) && Arrays.equals(t, other.t);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(r) + Arrays.hashCode(t);
    }

    @Override
    public String toString() {
        return "RigidTransform{R=" + Arrays.toString(r) + ", t_mm=" + Arrays.toString(t) + "}";
    }
}
