package io.sam6d.vision.pose;

import io.sam6d.vision.geometry.RigidTransform;

/** Minimal accuracy measures for tests and the benchmark (the full BOP metrics live in the eval package). */
final class PoseAccuracy {

    private PoseAccuracy() {
    }

    /** ADD: mean distance between the model points under the two poses, mm. */
    static double add(float[] xyz, RigidTransform est, RigidTransform gt) {
        double sum = 0;
        int n = xyz.length / 3;
        double[] a = new double[3], b = new double[3];
        for (int i = 0; i < n; i++) {
            est.apply(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2], a, 0);
            gt.apply(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2], b, 0);
            sum += Math.sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
        }
        return sum / n;
    }

    /** ADD-S: mean distance from each ground-truth-posed point to the closest estimate-posed point, mm. */
    static double adds(float[] xyz, RigidTransform est, RigidTransform gt) {
        int n = xyz.length / 3;
        float[] e = new float[xyz.length];
        double[] a = new double[3];
        for (int i = 0; i < n; i++) {
            est.apply(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2], a, 0);
            e[3 * i] = (float) a[0];
            e[3 * i + 1] = (float) a[1];
            e[3 * i + 2] = (float) a[2];
        }
        // brute force: a few thousand points, and no grid that degrades when the poses are far apart
        double sum = 0;
        for (int i = 0; i < n; i++) {
            gt.apply(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2], a, 0);
            double best = Double.MAX_VALUE;
            for (int j = 0; j < n; j++) {
                double dx = e[3 * j] - a[0], dy = e[3 * j + 1] - a[1], dz = e[3 * j + 2] - a[2];
                double d = dx * dx + dy * dy + dz * dz;
                if (d < best) {
                    best = d;
                }
            }
            sum += Math.sqrt(best);
        }
        return sum / n;
    }

    /** ADD or ADD-S as YCB-Video scores the object. */
    static double addOrAdds(float[] xyz, RigidTransform est, RigidTransform gt, boolean symmetric) {
        return symmetric ? adds(xyz, est, gt) : add(xyz, est, gt);
    }

    /** At most {@code max} model vertices, evenly spread over the vertex order. */
    static float[] subsample(float[] xyz, int max) {
        int n = xyz.length / 3;
        if (n <= max) {
            return xyz;
        }
        float[] out = new float[3 * max];
        for (int k = 0; k < max; k++) {
            System.arraycopy(xyz, 3 * (int) ((long) k * n / max), out, 3 * k, 3);
        }
        return out;
    }
}
