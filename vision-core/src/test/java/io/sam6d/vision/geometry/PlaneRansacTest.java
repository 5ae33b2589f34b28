package io.sam6d.vision.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** RANSAC and the least-squares fit find a noisy table among clutter, and the solvers agree with known answers. */
class PlaneRansacTest {

    @Test
    void findsTheTableAmongClutterAndTheLeastSquaresFitTightensIt() {
        // a table 1 m below and tilted 20 degrees, 1 mm noise; a third of the points are clutter above it
        Random rnd = new Random(3);
        double tilt = Math.toRadians(20);
        double[] normal = {0, -Math.cos(tilt), -Math.sin(tilt)}; // towards the camera
        double offset = 1000;
        int n = 3000;
        float[] xyz = new float[3 * n];
        for (int i = 0; i < n; i++) {
            double u = rnd.nextDouble() * 1000 - 500, v = rnd.nextDouble() * 1000 - 500;
            // a point on the plane normal . p + offset = 0: p = -offset normal + u e1 + v e2
            double[] e1 = {1, 0, 0};
            double[] e2 = Vec3.cross(normal, e1);
            double h = i % 3 == 0 ? 20 + rnd.nextDouble() * 150 : rnd.nextGaussian();
            for (int k = 0; k < 3; k++) {
                xyz[3 * i + k] = (float) (-offset * normal[k] + u * e1[k] + v * e2[k] + h * normal[k]);
            }
        }
        double[] tol = new double[n];
        Arrays.fill(tol, 4);
        PlaneRansac.Result r = PlaneRansac.best(xyz, n, tol, new Random(7), 200, 0.1, null);
        assertThat(r.inliers()).isBetween(1900, 2000 + 10);
        assertThat(Vec3.dot(r.plane(), normal)).isGreaterThan(Math.cos(Math.toRadians(2)));
        assertThat(r.plane()[3]).isPositive();

        int[] idx = new int[r.inliers()];
        int k = 0;
        for (int i = 0; i < n && k < idx.length; i++) {
            if (Math.abs(PlaneRansac.distance(r.plane(), xyz, i)) <= 4) {
                idx[k++] = i;
            }
        }
        double[] fit = PlaneFit.plane(xyz, idx, k);
        assertThat(Vec3.dot(fit, normal)).isGreaterThan(Math.cos(Math.toRadians(0.3)));
        assertEquals(offset, fit[3], 1.0);
    }

    @Test
    void aHypothesisFilterKeepsOnlyThePlanesItAccepts() {
        float[] xyz = {0, 0, 100, 10, 0, 100, 0, 10, 100, 10, 10, 100, 5, 5, 100};
        double[] tol = new double[5];
        Arrays.fill(tol, 0.5);
        assertThat(PlaneRansac.best(xyz, 5, tol, new Random(1), 50, 0.1, p -> false)).isNull();
        PlaneRansac.Result r = PlaneRansac.best(xyz, 5, tol, new Random(1), 50, 0.1, null);
        assertThat(r.inliers()).isEqualTo(5);
        assertEquals(100, r.plane()[3], 1e-9);
    }

    @Test
    void eigenSolversAgreeWithADiagonalisedMatrix() {
        // R diag(9, 4, 1) R^T for a rotation R
        RigidTransform rot = RigidTransform.fromAxisAngle(1, 2, 3, 0.7, new double[3]);
        double[] r = rot.rotation();
        double[] d = {9, 4, 1};
        double[] m = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    m[3 * i + j] += r[3 * i + k] * d[k] * r[3 * j + k];
                }
            }
        }
        assertThat(Eigen3.eigenvalues(m)).containsExactly(new double[] {9, 4, 1},
                org.assertj.core.data.Offset.offset(1e-9));
        double[] largest = Eigen3.largestEigenvector(m);
        double[] smallest = Eigen3.smallestEigenvector(m);
        assertEquals(1, Math.abs(largest[0] * r[0] + largest[1] * r[3] + largest[2] * r[6]), 1e-9);
        assertEquals(1, Math.abs(smallest[0] * r[2] + smallest[1] * r[5] + smallest[2] * r[8]), 1e-9);
        assertThat(largest[0] + 0.5 * largest[1] + 0.25 * largest[2]).isPositive();
    }
}
