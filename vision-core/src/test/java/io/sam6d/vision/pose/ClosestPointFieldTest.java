package io.sam6d.vision.pose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import io.sam6d.vision.geometry.MeshOps;
import org.junit.jupiter.api.Test;

class ClosestPointFieldTest {

    @Test
    void nearestPointIsWithinAVoxelOfTheTrueNearest() {
        float[] pts = MeshOps.samplePoints(WeightFreePoseEstimatorTest.ELL, 3000, 3)[0];
        double voxel = 2;
        ClosestPointField field = ClosestPointField.build(pts, voxel, 20);
        Random rnd = new Random(5);
        int exact = 0;
        for (int q = 0; q < 2000; q++) {
            double x = -80 + 160 * rnd.nextDouble(), y = -60 + 120 * rnd.nextDouble(), z = -45 + 90 * rnd.nextDouble();
            double best = Double.MAX_VALUE;
            int bestIdx = -1;
            for (int i = 0; i < pts.length / 3; i++) {
                double d = dist(pts, i, x, y, z);
                if (d < best) {
                    best = d;
                    bestIdx = i;
                }
            }
            int got = field.nearest(x, y, z);
            // nearest to the voxel centre, at most half a voxel diagonal from the query on each side
            assertThat(dist(pts, got, x, y, z)).isLessThanOrEqualTo(best + Math.sqrt(3) * voxel + 1e-9);
            exact += got == bestIdx ? 1 : 0;
        }
        assertThat(exact).isGreaterThan(1000);
    }

    private static double dist(float[] p, int i, double x, double y, double z) {
        double dx = p[3 * i] - x, dy = p[3 * i + 1] - y, dz = p[3 * i + 2] - z;
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
}
