package io.sam6d.vision.synthetic;

import java.util.Random;

import io.sam6d.vision.geometry.Mesh;

/** A square table top at z = 0 (normal +z) made of coloured tiles, so that it has texture in the images. */
final class TableMesh {

    private TableMesh() {
    }

    /**
     * @param sizeMm edge of the square, centred at the origin
     * @param tiles  tiles per edge
     */
    static Mesh create(double sizeMm, int tiles, long seed) {
        Random rnd = new Random(seed);
        int cells = tiles * tiles;
        float[] p = new float[cells * 4 * 3];
        float[] n = new float[p.length];
        float[] c = new float[p.length];
        int[] t = new int[cells * 6];
        double cell = sizeMm / tiles, x0 = -sizeMm / 2;
        for (int j = 0, k = 0; j < tiles; j++) {
            for (int i = 0; i < tiles; i++, k++) {
                // wood-like tones in a checker of two shades, each tile a little different
                boolean dark = (i + j) % 2 == 0;
                float base = dark ? 0.45f : 0.62f;
                float v = (float) (rnd.nextGaussian() * 0.04);
                float r = clamp(base + 0.12f + v), g = clamp(base - 0.02f + v), b = clamp(base - 0.18f + v);
                double[][] corners = {{i, j}, {i + 1, j}, {i + 1, j + 1}, {i, j + 1}};
                for (int q = 0; q < 4; q++) {
                    int o = 3 * (4 * k + q);
                    p[o] = (float) (x0 + corners[q][0] * cell);
                    p[o + 1] = (float) (x0 + corners[q][1] * cell);
                    n[o + 2] = 1;
                    c[o] = r;
                    c[o + 1] = g;
                    c[o + 2] = b;
                }
                int v0 = 4 * k;
                int[] tri = {v0, v0 + 1, v0 + 2, v0, v0 + 2, v0 + 3};
                System.arraycopy(tri, 0, t, 6 * k, 6);
            }
        }
        return new Mesh(p, n, c, t);
    }

    private static float clamp(float v) {
        return Math.max(0, Math.min(1, v));
    }
}
