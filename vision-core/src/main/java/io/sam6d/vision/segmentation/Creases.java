package io.sam6d.vision.segmentation;

/**
 * Concave folds of a {@link DepthScene}: free pixels where the normals a few pixels apart on either side (across or
 * along the row) turn by more than {@link ConfigWeightFreeSegmentation#creaseAngleDeg} and towards each other, as
 * where two objects touch or an object meets the table. The finer proposals are cut there.
 */
final class Creases {

    private Creases() {
    }

    static void mark(DepthScene s) {
        double cosMax = Math.cos(Math.toRadians(s.config.creaseAngleDeg));
        for (int v = 0; v < s.height; v++) {
            for (int u = 0; u < s.width; u++) {
                int i = v * s.width + u;
                if (s.kind[i] != DepthScene.FREE) {
                    continue;
                }
                int k = Math.max(1, s.normalRadiusPx(s.z[i]) / 2 + 1);
                if (u - k >= 0 && u + k < s.width && concaveFold(s, i - k, i + k, cosMax)
                        || v - k >= 0 && v + k < s.height && concaveFold(s, i - k * s.width, i + k * s.width, cosMax)) {
                    s.crease[i] = true;
                }
            }
        }
    }

    private static boolean concaveFold(DepthScene s, int a, int b, double cosMax) {
        if (s.nz[a] == 0 && s.nx[a] == 0 && s.ny[a] == 0 || s.nz[b] == 0 && s.nx[b] == 0 && s.ny[b] == 0) {
            return false;
        }
        double dot = s.nx[a] * s.nx[b] + s.ny[a] * s.ny[b] + s.nz[a] * s.nz[b];
        if (dot > cosMax) {
            return false;
        }
        double conv = (s.nx[b] - s.nx[a]) * (s.x[b] - s.x[a]) + (s.ny[b] - s.ny[a]) * (s.y[b] - s.y[a]) + (s.nz[b] - s.nz[a]) * (s.z[b] - s.z[a]);
        return conv < 0;
    }
}
