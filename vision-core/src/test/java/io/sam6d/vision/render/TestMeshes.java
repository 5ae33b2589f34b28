package io.sam6d.vision.render;

import java.util.Random;

import io.sam6d.vision.geometry.Mesh;

/** Meshes with known geometry for the renderer's tests. Lengths in mm. */
final class TestMeshes {

    private TestMeshes() {
    }

    /** An axis-aligned cube of edge {@code size} centred at the origin, counter-clockwise seen from outside. */
    static Mesh cube(double size) {
        float h = (float) (size / 2);
        float[] p = {
            -h, -h, -h, h, -h, -h, h, h, -h, -h, h, -h,
            -h, -h, h, h, -h, h, h, h, h, -h, h, h};
        int[] t = {
            0, 3, 2, 0, 2, 1, // z = -h, normal -z
            4, 5, 6, 4, 6, 7, // z = +h
            0, 1, 5, 0, 5, 4, // y = -h
            3, 7, 6, 3, 6, 2, // y = +h
            0, 4, 7, 0, 7, 3, // x = -h
            1, 2, 6, 1, 6, 5}; // x = +h
        return new Mesh(p, null, null, t);
    }

    /**
     * A square in the plane z = {@code zMm} from (x0, y0) to (x0 + size, y0 + size) split into {@code n x n}
     * cells of two triangles each; with {@code jitter > 0} the interior vertices move by up to that fraction of a
     * cell and the diagonals alternate at random.
     */
    static Mesh grid(double x0, double y0, double size, double zMm, int n, double jitter, long seed) {
        Random rnd = new Random(seed);
        float[] p = new float[3 * (n + 1) * (n + 1)];
        double cell = size / n;
        for (int j = 0; j <= n; j++) {
            for (int i = 0; i <= n; i++) {
                double x = x0 + i * cell, y = y0 + j * cell;
                if (jitter > 0 && i > 0 && j > 0 && i < n && j < n) {
                    x += (rnd.nextDouble() - 0.5) * jitter * cell;
                    y += (rnd.nextDouble() - 0.5) * jitter * cell;
                }
                int o = 3 * (j * (n + 1) + i);
                p[o] = (float) x;
                p[o + 1] = (float) y;
                p[o + 2] = (float) zMm;
            }
        }
        int[] t = new int[6 * n * n];
        int k = 0;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                int a = j * (n + 1) + i, b = a + 1, c = a + n + 2, d = a + n + 1;
                if (jitter > 0 && rnd.nextBoolean()) {
                    t[k++] = a; t[k++] = b; t[k++] = d;
                    t[k++] = b; t[k++] = c; t[k++] = d;
                } else {
                    t[k++] = a; t[k++] = b; t[k++] = c;
                    t[k++] = a; t[k++] = c; t[k++] = d;
                }
            }
        }
        return new Mesh(p, null, null, t);
    }

    /** The mesh made of just triangle {@code k} of {@code mesh} (same vertex array, so the same projections). */
    static Mesh single(Mesh mesh, int k) {
        int[] t = mesh.triangles();
        return new Mesh(mesh.positions(), null, null, new int[] {t[3 * k], t[3 * k + 1], t[3 * k + 2]});
    }
}
