package io.sam6d.vision.pose;

/**
 * A voxel table over a model's bounding box (plus a margin) that holds, for every voxel, the index of the model
 * point nearest to the voxel's centre (3D jump flooding). A query is one array read, whatever its distance to the
 * model, which makes ICP correspondence search O(1). Queries outside the table are clamped to its border, so
 * callers must check the distance to the point they get. Immutable and thread-safe. Model frame, mm.
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
        int maxDim = Math.max(nx, Math.max(ny, nz));
        int step = Integer.highestOneBit(Math.max(1, maxDim - 1));
        // jump flooding, then one extra pass at step 1 (JFA+1) to fix most of its rare misses
        while (true) {
            flood(xyz, idx, best, ox, oy, oz, voxelMm, nx, ny, nz, step);
            if (step == 1) {
                break;
            }
            step /= 2;
        }
        flood(xyz, idx, best, ox, oy, oz, voxelMm, nx, ny, nz, 1);
        return new ClosestPointField(xyz, ox, oy, oz, voxelMm, nx, ny, nz, idx);
    }

    private static void flood(float[] xyz, int[] idx, float[] best, double ox, double oy, double oz, double voxel,
            int nx, int ny, int nz, int step) {
        for (int z = 0; z < nz; z++) {
            double cz = oz + (z + 0.5) * voxel;
            for (int y = 0; y < ny; y++) {
                double cy = oy + (y + 0.5) * voxel;
                for (int x = 0; x < nx; x++) {
                    double cx = ox + (x + 0.5) * voxel;
                    int c = (z * ny + y) * nx + x;
                    int bi = idx[c];
                    float bd = best[c];
                    for (int dz = -step; dz <= step; dz += step) {
                        int zz = z + dz;
                        if (zz < 0 || zz >= nz) {
                            continue;
                        }
                        for (int dy = -step; dy <= step; dy += step) {
                            int yy = y + dy;
                            if (yy < 0 || yy >= ny) {
                                continue;
                            }
                            for (int dx = -step; dx <= step; dx += step) {
                                int xx = x + dx;
                                if (xx < 0 || xx >= nx) {
                                    continue;
                                }
                                int cand = idx[(zz * ny + yy) * nx + xx];
                                if (cand < 0 || cand == bi) {
                                    continue;
                                }
                                float d = dist2(xyz, cand, cx, cy, cz);
                                if (d < bd) {
                                    bd = d;
                                    bi = cand;
                                }
                            }
                        }
                    }
                    idx[c] = bi;
                    best[c] = bd;
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
