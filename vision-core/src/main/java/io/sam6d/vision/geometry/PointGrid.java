package io.sam6d.vision.geometry;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A uniform voxel grid over a point array for nearest-neighbour and radius queries (mm). Build once, query from
 * many threads (queries allocate nothing shared). Points are {@code xyz[3i..3i+2]}; the array is not copied.
 */
public final class PointGrid {

    private final float[] xyz;
    private final double cell;
    private final Map<Long, int[]> cells;

    private PointGrid(float[] xyz, double cell, Map<Long, int[]> cells) {
        this.xyz = xyz;
        this.cell = cell;
        this.cells = cells;
    }

    /** @param cellMm edge of a grid cell; about the typical query radius works best */
    public static PointGrid build(float[] xyz, double cellMm) {
        if (!(cellMm > 0)) {
            throw new IllegalArgumentException("cell size must be > 0");
        }
        int n = xyz.length / 3;
        long[] keys = new long[n];
        Map<Long, Integer> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            keys[i] = key(fl(xyz[3 * i], cellMm), fl(xyz[3 * i + 1], cellMm), fl(xyz[3 * i + 2], cellMm));
            counts.merge(keys[i], 1, Integer::sum);
        }
        Map<Long, int[]> cells = new HashMap<>(counts.size() * 2);
        Map<Long, Integer> fill = new HashMap<>(counts.size() * 2);
        counts.forEach((k, c) -> cells.put(k, new int[c]));
        for (int i = 0; i < n; i++) {
            int pos = fill.merge(keys[i], 1, Integer::sum) - 1;
            cells.get(keys[i])[pos] = i;
        }
        return new PointGrid(xyz, cellMm, cells);
    }

    public float[] points() {
        return xyz;
    }

    public int size() {
        return xyz.length / 3;
    }

    /** Index of the nearest point within {@code maxDistMm}, or -1. */
    public int nearestWithin(double x, double y, double z, double maxDistMm) {
        int r = (int) Math.ceil(maxDistMm / cell);
        int cx = fl(x, cell), cy = fl(y, cell), cz = fl(z, cell);
        double best = maxDistMm * maxDistMm;
        int bestIdx = -1;
        for (int dx = -r; dx <= r; dx++) {
            for (int dy = -r; dy <= r; dy++) {
                for (int dz = -r; dz <= r; dz++) {
                    int[] members = cells.get(key(cx + dx, cy + dy, cz + dz));
                    if (members == null) {
                        continue;
                    }
                    for (int i : members) {
                        double ex = xyz[3 * i] - x, ey = xyz[3 * i + 1] - y, ez = xyz[3 * i + 2] - z;
                        double d = ex * ex + ey * ey + ez * ez;
                        if (d <= best) {
                            best = d;
                            bestIdx = i;
                        }
                    }
                }
            }
        }
        return bestIdx;
    }

    /**
     * The {@code k} nearest points (fewer if the grid holds fewer), closest first, written to {@code out}.
     *
     * @return how many were written
     */
    public int nearest(double x, double y, double z, int k, int[] out) {
        int n = size();
        k = Math.min(k, n);
        if (k == 0) {
            return 0;
        }
        double[] bestD = new double[k];
        Arrays.fill(bestD, Double.MAX_VALUE);
        int[] bestI = new int[k];
        int found = 0;
        int cx = fl(x, cell), cy = fl(y, cell), cz = fl(z, cell);
        for (int ring = 0; ; ring++) {
            for (int dx = -ring; dx <= ring; dx++) {
                for (int dy = -ring; dy <= ring; dy++) {
                    for (int dz = -ring; dz <= ring; dz++) {
                        if (Math.max(Math.abs(dx), Math.max(Math.abs(dy), Math.abs(dz))) != ring) {
                            continue;
                        }
                        int[] members = cells.get(key(cx + dx, cy + dy, cz + dz));
                        if (members == null) {
                            continue;
                        }
                        for (int i : members) {
                            double ex = xyz[3 * i] - x, ey = xyz[3 * i + 1] - y, ez = xyz[3 * i + 2] - z;
                            double d = ex * ex + ey * ey + ez * ez;
                            if (found < k || d < bestD[k - 1]) {
                                int pos = Math.min(found, k - 1);
                                while (pos > 0 && bestD[pos - 1] > d) {
                                    bestD[pos] = bestD[pos - 1];
                                    bestI[pos] = bestI[pos - 1];
                                    pos--;
                                }
                                bestD[pos] = d;
                                bestI[pos] = i;
                                found = Math.min(found + 1, k);
                            }
                        }
                    }
                }
            }
            // every point outside the searched cube is at least ring*cell away
            double reach = ring * cell;
            if (found == k && bestD[k - 1] <= reach * reach || found == n || ring > 1_000_000) {
                break;
            }
        }
        System.arraycopy(bestI, 0, out, 0, found);
        return found;
    }

    private static int fl(double v, double cell) {
        return (int) Math.floor(v / cell);
    }

    private static long key(int x, int y, int z) {
        return ((long) (x & 0x1FFFFF) << 42) | ((long) (y & 0x1FFFFF) << 21) | (z & 0x1FFFFF);
    }
}
