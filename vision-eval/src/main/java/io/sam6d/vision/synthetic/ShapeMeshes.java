package io.sam6d.vision.synthetic;

import java.util.Random;

import io.sam6d.vision.geometry.Mesh;

/**
 * Simple coloured solids for distractors and backgrounds: boxes and cylinders centred at the origin, their faces
 * cut into tiles of slightly different shades so that they have texture in the images. Lengths in mm, colours
 * 0..1.
 */
final class ShapeMeshes {

    private ShapeMeshes() {
    }

    /**
     * A box of sides {@code sx, sy, sz} centred at the origin, faces tiled with squares of about {@code tileMm}.
     *
     * @param rgb    base colour
     * @param jitter spread of the tiles' brightness (0: one flat colour)
     */
    static Mesh box(double sx, double sy, double sz, float[] rgb, double tileMm, double jitter, Random rnd) {
        double[][] faces = {
            // origin corner, first edge, second edge (counter-clockwise seen from outside), normal
            {-1, -1, 1, 2, 0, 0, 0, 2, 0, 0, 0, 1},
            {-1, 1, -1, 2, 0, 0, 0, -2, 0, 0, 0, -1},
            {-1, -1, -1, 2, 0, 0, 0, 0, 2, 0, -1, 0},
            {1, 1, -1, -2, 0, 0, 0, 0, 2, 0, 1, 0},
            {1, -1, -1, 0, 2, 0, 0, 0, 2, 1, 0, 0},
            {-1, 1, -1, 0, -2, 0, 0, 0, 2, -1, 0, 0}};
        double[] half = {sx / 2, sy / 2, sz / 2};
        int[] nu = new int[6], nv = new int[6];
        int quads = 0;
        for (int f = 0; f < 6; f++) {
            nu[f] = tiles(length(faces[f], 3, half), tileMm);
            nv[f] = tiles(length(faces[f], 6, half), tileMm);
            quads += nu[f] * nv[f];
        }
        Builder b = new Builder(quads);
        for (int f = 0; f < 6; f++) {
            double[] o = new double[3], eu = new double[3], ev = new double[3], n = new double[3];
            for (int k = 0; k < 3; k++) {
                o[k] = faces[f][k] * half[k];
                eu[k] = faces[f][3 + k] * half[k];
                ev[k] = faces[f][6 + k] * half[k];
                n[k] = faces[f][9 + k];
            }
            for (int i = 0; i < nu[f]; i++) {
                for (int j = 0; j < nv[f]; j++) {
                    double[][] c = new double[4][3];
                    double[][] uv = {{i, j}, {i + 1, j}, {i + 1, j + 1}, {i, j + 1}};
                    for (int q = 0; q < 4; q++) {
                        for (int k = 0; k < 3; k++) {
                            c[q][k] = o[k] + eu[k] * uv[q][0] / nu[f] + ev[k] * uv[q][1] / nv[f];
                        }
                    }
                    b.quad(c, new double[][] {n, n, n, n}, shade(rgb, jitter, rnd));
                }
            }
        }
        return b.mesh();
    }

    /**
     * A closed cylinder about z of the given radius and height centred at the origin, its side cut into
     * {@code segments} facets (smooth normals) and rings of about {@code tileMm}.
     */
    static Mesh cylinder(double radius, double height, int segments, float[] rgb, double tileMm, double jitter,
            Random rnd) {
        int rings = tiles(height, tileMm);
        Builder b = new Builder(segments * rings + 2 * segments);
        for (int s = 0; s < segments; s++) {
            double a0 = 2 * Math.PI * s / segments, a1 = 2 * Math.PI * (s + 1) / segments;
            double c0 = Math.cos(a0), s0 = Math.sin(a0), c1 = Math.cos(a1), s1 = Math.sin(a1);
            for (int r = 0; r < rings; r++) {
                double z0 = -height / 2 + height * r / rings, z1 = -height / 2 + height * (r + 1) / rings;
                double[][] c = {{radius * c0, radius * s0, z0}, {radius * c1, radius * s1, z0},
                    {radius * c1, radius * s1, z1}, {radius * c0, radius * s0, z1}};
                double[][] n = {{c0, s0, 0}, {c1, s1, 0}, {c1, s1, 0}, {c0, s0, 0}};
                b.quad(c, n, shade(rgb, jitter, rnd));
            }
            // the end caps as thin wedges to the centre (the fourth corner repeats the centre)
            for (int end = -1; end <= 1; end += 2) {
                double z = end * height / 2;
                double[] up = {0, 0, end};
                double[][] c = end > 0
                        ? new double[][] {{0, 0, z}, {radius * c0, radius * s0, z}, {radius * c1, radius * s1, z}, {0, 0, z}}
                        : new double[][] {{0, 0, z}, {radius * c1, radius * s1, z}, {radius * c0, radius * s0, z}, {0, 0, z}};
                b.quad(c, new double[][] {up, up, up, up}, shade(rgb, jitter, rnd));
            }
        }
        return b.mesh();
    }

    /** The 8 corners of a box centred at the origin (the points of its hull). */
    static float[] boxCorners(double sx, double sy, double sz) {
        float[] p = new float[24];
        for (int k = 0; k < 8; k++) {
            p[3 * k] = (float) ((k & 1) == 0 ? -sx / 2 : sx / 2);
            p[3 * k + 1] = (float) ((k & 2) == 0 ? -sy / 2 : sy / 2);
            p[3 * k + 2] = (float) ((k & 4) == 0 ? -sz / 2 : sz / 2);
        }
        return p;
    }

    /**
     * A copy of a mesh without colours painted {@code rgb}, each vertex's brightness varied by up to
     * {@code jitter} (a stand-in for the print on real objects that the model lacks).
     */
    static Mesh painted(Mesh mesh, float[] rgb, double jitter, Random rnd) {
        int n = mesh.vertexCount();
        float[] c = new float[3 * n];
        for (int i = 0; i < n; i++) {
            float[] s = shade(rgb, jitter, rnd);
            System.arraycopy(s, 0, c, 3 * i, 3);
        }
        return new Mesh(mesh.positions(), mesh.normals(), c, mesh.triangles());
    }

    /** A random colour of medium brightness and saturation (0..1 per channel). */
    static float[] randomColour(Random rnd, double minSaturation, double maxSaturation, double minValue,
            double maxValue) {
        double h = rnd.nextDouble() * 6;
        double s = minSaturation + rnd.nextDouble() * (maxSaturation - minSaturation);
        double v = minValue + rnd.nextDouble() * (maxValue - minValue);
        int sector = (int) Math.floor(h) % 6;
        double f = h - Math.floor(h);
        double p = v * (1 - s), q = v * (1 - s * f), t = v * (1 - s * (1 - f));
        double[][] rgb = {{v, t, p}, {q, v, p}, {p, v, t}, {p, q, v}, {t, p, v}, {v, p, q}};
        return new float[] {(float) rgb[sector][0], (float) rgb[sector][1], (float) rgb[sector][2]};
    }

    private static float[] shade(float[] rgb, double jitter, Random rnd) {
        float f = (float) (1 + (rnd.nextDouble() * 2 - 1) * jitter);
        return new float[] {clamp(rgb[0] * f), clamp(rgb[1] * f), clamp(rgb[2] * f)};
    }

    private static int tiles(double length, double tileMm) {
        return Math.max(1, Math.min(64, (int) Math.round(length / tileMm)));
    }

    private static double length(double[] face, int from, double[] half) {
        double s = 0;
        for (int k = 0; k < 3; k++) {
            s += Math.pow(face[from + k] * half[k], 2);
        }
        return Math.sqrt(s);
    }

    private static float clamp(float v) {
        return Math.max(0, Math.min(1, v));
    }

    /** Collects quads (two triangles each, their own four vertices so each tile keeps its colour). */
    private static final class Builder {
        private final float[] p;
        private final float[] n;
        private final float[] c;
        private final int[] t;
        private int quads;

        Builder(int capacity) {
            p = new float[12 * capacity];
            n = new float[12 * capacity];
            c = new float[12 * capacity];
            t = new int[6 * capacity];
        }

        void quad(double[][] corners, double[][] normals, float[] rgb) {
            int v0 = 4 * quads;
            for (int q = 0; q < 4; q++) {
                for (int k = 0; k < 3; k++) {
                    p[3 * (v0 + q) + k] = (float) corners[q][k];
                    n[3 * (v0 + q) + k] = (float) normals[q][k];
                    c[3 * (v0 + q) + k] = rgb[k];
                }
            }
            int[] tri = {v0, v0 + 1, v0 + 2, v0, v0 + 2, v0 + 3};
            System.arraycopy(tri, 0, t, 6 * quads, 6);
            quads++;
        }

        Mesh mesh() {
            return new Mesh(p, n, c, t);
        }
    }
}
