package io.sam6d.vision.pose;

/**
 * A voxel table over a model's bounding box (plus a margin) that holds, for every voxel, the index of the model
 * point nearest to the voxel's centre (brushfire propagation from the voxels that hold points). A query is one
 * array read, whatever its distance to the model, which makes ICP correspondence search O(1). Queries outside the
 * table are clamped to its border, so callers must check the distance to the point they get. Immutable and
 * thread-safe. Model frame, mm.
 */
final class ClosestPointField {

    private final float[] xyz;
    private final double ox, oy, oz, voxel;
    private final int nx, ny, nz;
    private final int[] nearest;

    private ClosestPointField(float[] xyz, double ox, double oy, double oz, double voxel, int nx, int ny, int nz,
            int[] nearest) {
        this.xyz = xyz;
        this.ox = ox;
        this.oy = oy;
        this.oz = oz;
        this.voxel = voxel;
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.nearest = nearest;
    }

    /**
     * @param xyz      model points, mm (not copied)
     * @param voxelMm  voxel edge
     * @param marginMm how far beyond the points' bounding box the table reaches
     */
    static ClosestPointField build(float[] xyz, double voxelMm, double marginMm) {
        int n = xyz.length / 3;
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 3; d++) {
                lo[d] = Math.min(lo[d], xyz[3 * i + d]);
                hi[d] = Math.max(hi[d], xyz[3 * i + d]);
            }
        }
        double ox = lo[0] - marginMm, oy = lo[1] - marginMm, oz = lo[2] - marginMm;
        int nx = Math.max(1, (int) Math.ceil((hi[0] + marginMm - ox) / voxelMm));
        int ny = Math.max(1, (int) Math.ceil((hi[1] + marginMm - oy) / voxelMm));
        int nz = Math.max(1, (int) Math.ceil((hi[2] + marginMm - oz) / voxelMm));
        long cells = (long) nx * ny * nz;
        if (cells > 64_000_000L) {
            throw new IllegalArgumentException("closest-point table too large (" + cells + " voxels); use a larger voxel");
        }
        int[] idx = new int[(int) cells];
        float[] best = new float[(int) cells];
        java.util.Arrays.fill(idx, -1);
        java.util.Arrays.fill(best, Float.MAX_VALUE);
        for (int i = 0; i < n; i++) {
            int ix = clamp((int) Math.floor((xyz[3 * i] - ox) / voxelMm), nx);
            int iy = clamp((int) Math.floor((xyz[3 * i + 1] - oy) / voxelMm), ny);
            int iz = clamp((int) Math.floor((xyz[3 * i + 2] - oz) / voxelMm), nz);
            int c = (iz * ny + iy) * nx + ix;
            float d = dist2(xyz, i, ox + (ix + 0.5) * voxelMm, oy + (iy + 0.5) * voxelMm, oz + (iz + 0.5) * voxelMm);
            if (d < best[c]) {
                best[c] = d;
                idx[c] = i;
            }
        }
        propagate(xyz, idx, best, ox, oy, oz, voxelMm, nx, ny, nz);
        return new ClosestPointField(xyz, ox, oy, oz, voxelMm, nx, ny, nz, idx);
    }

    /**
     * Brushfire from the seeded voxels: a voxel hands its point to each of its 26 neighbours that it would serve
     * better, and a neighbour that improved passes it on. Near-exact nearest points at a few visits per voxel.
     */
    private static void propagate(float[] xyz, int[] idx, float[] best, double ox, double oy, double oz,
            double voxel, int nx, int ny, int nz) {
        int cells = idx.length;
        int[] queue = new int[cells];
        boolean[] queued = new boolean[cells];
        int head = 0, size = 0;
        for (int c = 0; c < cells; c++) {
            if (idx[c] >= 0) {
                queue[(head + size++) % cells] = c;
                queued[c] = true;
            }
        }
        int plane = nx * ny;
        while (size > 0) {
            int c = queue[head];
            head = head + 1 == cells ? 0 : head + 1;
            size--;
            queued[c] = false;
            int s = idx[c];
            int z = c / plane, y = (c % plane) / nx, x = c % nx;
            for (int dz = -1; dz <= 1; dz++) {
                int zz = z + dz;
                if (zz < 0 || zz >= nz) {
                    continue;
                }
                double cz = oz + (zz + 0.5) * voxel;
                for (int dy = -1; dy <= 1; dy++) {
                    int yy = y + dy;
                    if (yy < 0 || yy >= ny) {
                        continue;
                    }
                    double cy = oy + (yy + 0.5) * voxel;
                    for (int dx = -1; dx <= 1; dx++) {
                        int xx = x + dx;
                        if (xx < 0 || xx >= nx || (dx | dy | dz) == 0) {
                            continue;
                        }
                        int u = (zz * ny + yy) * nx + xx;
                        if (idx[u] == s) {
                            continue;
                        }
                        float d = dist2(xyz, s, ox + (xx + 0.5) * voxel, cy, cz);
                        if (d < best[u]) {
                            best[u] = d;
                            idx[u] = s;
                            if (!queued[u]) {
                                queued[u] = true;
                                queue[(head + size++) % cells] = u;
                            }
                        }
                    }
                }
            }
        }
    }

    private static float dist2(float[] xyz, int i, double x, double y, double z) {
        double dx = xyz[3 * i] - x, dy = xyz[3 * i + 1] - y, dz = xyz[3 * i + 2] - z;
        return (float) (dx * dx + dy * dy + dz * dz);
    }

    private static int clamp(int v, int n) {
        return v < 0 ? 0 : v >= n ? n - 1 : v;
    }

    /** Index of the model point nearest to (x, y, z) (approximately: nearest to the centre of its voxel). */
    int nearest(double x, double y, double z) {
        int ix = clamp((int) Math.floor((x - ox) / voxel), nx);
        int iy = clamp((int) Math.floor((y - oy) / voxel), ny);
        int iz = clamp((int) Math.floor((z - oz) / voxel), nz);
        return nearest[(iz * ny + iy) * nx + ix];
    }

    long memoryBytes() {
        return 4L * nearest.length;
    }
}
