package io.sam6d.vision.geometry;

import java.util.Random;

/** Stateless helpers on {@link Mesh}: bounds, diameter, normals, surface sampling. Lengths in mm. */
public final class MeshOps {

    private MeshOps() {
    }

    /** Axis-aligned bounds: {@code {minX, minY, minZ, maxX, maxY, maxZ}}. */
    public static double[] bounds(Mesh mesh) {
        float[] p = mesh.positions();
        double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE,
            -Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i < p.length; i += 3) {
            for (int k = 0; k < 3; k++) {
                b[k] = Math.min(b[k], p[i + k]);
                b[k + 3] = Math.max(b[k + 3], p[i + k]);
            }
        }
        return b;
    }

    /** Centre of the bounding box, mm. */
    public static double[] boundsCenter(Mesh mesh) {
        double[] b = bounds(mesh);
        return new double[] {(b[0] + b[3]) / 2, (b[1] + b[4]) / 2, (b[2] + b[5]) / 2};
    }

    /**
     * Largest distance between two vertices, mm (BOP's object diameter). Exact over at most
     * {@code maxPoints} vertices (a uniform subset beyond that), so O(min(n, maxPoints)^2).
     */
    public static double diameter(Mesh mesh, int maxPoints) {
        float[] p = mesh.positions();
        int n = mesh.vertexCount();
        int step = Math.max(1, (int) Math.ceil(n / (double) maxPoints));
        double best = 0;
        for (int i = 0; i < n; i += step) {
            double xi = p[3 * i], yi = p[3 * i + 1], zi = p[3 * i + 2];
            for (int j = i + step; j < n; j += step) {
                double dx = xi - p[3 * j], dy = yi - p[3 * j + 1], dz = zi - p[3 * j + 2];
                double d = dx * dx + dy * dy + dz * dz;
                if (d > best) {
                    best = d;
                }
            }
        }
        return Math.sqrt(best);
    }

    /**
     * Area-weighted vertex normals from the triangles (outward for counter-clockwise faces). A point set
     * gets normals from its local neighbourhood instead: see {@link #pointSetNormals}.
     */
    public static float[] vertexNormals(Mesh mesh) {
        if (!mesh.hasTriangles()) {
            return pointSetNormals(mesh, 12);
        }
        float[] p = mesh.positions();
        int[] tri = mesh.triangles();
        double[] acc = new double[p.length];
        for (int k = 0; k < tri.length; k += 3) {
            int a = 3 * tri[k], b = 3 * tri[k + 1], c = 3 * tri[k + 2];
            double ux = p[b] - p[a], uy = p[b + 1] - p[a + 1], uz = p[b + 2] - p[a + 2];
            double vx = p[c] - p[a], vy = p[c + 1] - p[a + 1], vz = p[c + 2] - p[a + 2];
            double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
            for (int v : new int[] {a, b, c}) {
                acc[v] += nx;
                acc[v + 1] += ny;
                acc[v + 2] += nz;
            }
        }
        return normalize(acc);
    }

    /**
     * Normals of a point set by local plane fit (PCA over the k nearest points, brute force over a grid),
     * oriented away from the centroid, which is right for the convex-ish objects of pose datasets.
     */
    public static float[] pointSetNormals(Mesh mesh, int k) {
        float[] p = mesh.positions();
        int n = mesh.vertexCount();
        double[] c = centroid(p);
        PointGrid grid = PointGrid.build(p, Math.max(1e-3, diameter(mesh, 2000) / 30));
        double[] out = new double[p.length];
        int[] nbr = new int[k];
        double[] cov = new double[9];
        for (int i = 0; i < n; i++) {
            int found = grid.nearest(p[3 * i], p[3 * i + 1], p[3 * i + 2], k, nbr);
            double[] nrm = PlaneFit.normalOf(p, nbr, found, cov);
            double ox = p[3 * i] - c[0], oy = p[3 * i + 1] - c[1], oz = p[3 * i + 2] - c[2];
            double s = nrm[0] * ox + nrm[1] * oy + nrm[2] * oz < 0 ? -1 : 1;
            out[3 * i] = s * nrm[0];
            out[3 * i + 1] = s * nrm[1];
            out[3 * i + 2] = s * nrm[2];
        }
        return normalize(out);
    }

    /** Mean of the points, mm. */
    public static double[] centroid(float[] xyz) {
        double[] c = new double[3];
        int n = xyz.length / 3;
        for (int i = 0; i < xyz.length; i += 3) {
            c[0] += xyz[i];
            c[1] += xyz[i + 1];
            c[2] += xyz[i + 2];
        }
        if (n > 0) {
            c[0] /= n;
            c[1] /= n;
            c[2] /= n;
        }
        return c;
    }

    /**
     * {@code count} points spread over the surface with probability proportional to area (seeded, so repeatable),
     * with interpolated normals: {@code {xyz, normals}}, 3 floats per point each. A point set returns a seeded
     * subset of its vertices (all of them when it has fewer than {@code count}).
     */
    public static float[][] samplePoints(Mesh mesh, int count, long seed) {
        Random rnd = new Random(seed);
        float[] vn = mesh.hasNormals() ? mesh.normals() : vertexNormals(mesh);
        float[] p = mesh.positions();
        if (!mesh.hasTriangles()) {
            int n = mesh.vertexCount();
            int m = Math.min(n, count);
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) {
                idx[i] = i;
            }
            for (int i = 0; i < m; i++) {
                int j = i + rnd.nextInt(n - i);
                int tmp = idx[i];
                idx[i] = idx[j];
                idx[j] = tmp;
            }
            float[] xyz = new float[3 * m];
            float[] nrm = new float[3 * m];
            for (int i = 0; i < m; i++) {
                System.arraycopy(p, 3 * idx[i], xyz, 3 * i, 3);
                System.arraycopy(vn, 3 * idx[i], nrm, 3 * i, 3);
            }
            return new float[][] {xyz, nrm};
        }
        float[][] s = sampleSurface(mesh, count, seed, false);
        return new float[][] {s[0], s[1]};
    }

    /**
     * {@code count} points spread over a triangle mesh's surface with probability proportional to area (seeded, so
     * repeatable), with interpolated unit normals and, when asked, colours: {@code {xyz, normals, colors}}, 3 floats
     * per point each ({@code colors} null unless asked; the mesh must have colours then).
     */
    public static float[][] sampleSurface(Mesh mesh, int count, long seed, boolean withColors) {
        Random rnd = new Random(seed);
        float[] p = mesh.positions();
        float[] vn = mesh.hasNormals() ? mesh.normals() : vertexNormals(mesh);
        float[] vc = withColors ? mesh.colors() : null;
        int[] tri = mesh.triangles();
        int m = tri.length / 3;
        double[] cumArea = new double[m];
        double total = 0;
        for (int k = 0; k < m; k++) {
            int a = 3 * tri[3 * k], b = 3 * tri[3 * k + 1], c = 3 * tri[3 * k + 2];
            double ux = p[b] - p[a], uy = p[b + 1] - p[a + 1], uz = p[b + 2] - p[a + 2];
            double vx = p[c] - p[a], vy = p[c + 1] - p[a + 1], vz = p[c + 2] - p[a + 2];
            double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
            total += 0.5 * Math.sqrt(nx * nx + ny * ny + nz * nz);
            cumArea[k] = total;
        }
        float[] xyz = new float[3 * count];
        double[] nrm = new double[3 * count];
        float[] col = withColors ? new float[3 * count] : null;
        for (int i = 0; i < count; i++) {
            double target = rnd.nextDouble() * total;
            int lo = 0, hi = m - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumArea[mid] < target) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            double r1 = Math.sqrt(rnd.nextDouble()), r2 = rnd.nextDouble();
            double wa = 1 - r1, wb = r1 * (1 - r2), wc = r1 * r2;
            int a = 3 * tri[3 * lo], b = 3 * tri[3 * lo + 1], c = 3 * tri[3 * lo + 2];
            for (int d = 0; d < 3; d++) {
                xyz[3 * i + d] = (float) (wa * p[a + d] + wb * p[b + d] + wc * p[c + d]);
                nrm[3 * i + d] = wa * vn[a + d] + wb * vn[b + d] + wc * vn[c + d];
                if (col != null) {
                    col[3 * i + d] = (float) (wa * vc[a + d] + wb * vc[b + d] + wc * vc[c + d]);
                }
            }
        }
        return new float[][] {xyz, normalize(nrm), col};
    }

    private static float[] normalize(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i += 3) {
            double n = Math.sqrt(v[i] * v[i] + v[i + 1] * v[i + 1] + v[i + 2] * v[i + 2]);
            if (n > 0) {
                out[i] = (float) (v[i] / n);
                out[i + 1] = (float) (v[i + 1] / n);
                out[i + 2] = (float) (v[i + 2] / n);
            } else {
                out[i + 2] = 1;
            }
        }
        return out;
    }
}
