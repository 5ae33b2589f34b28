package io.sam6d.vision.render;

import java.util.Arrays;

import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.geometry.MeshOps;
import io.sam6d.vision.geometry.PointGrid;

/**
 * A mesh made ready for {@link MeshRenderer}: unit vertex normals (from the file, or computed), the bounding
 * sphere, and for point sets the point spacing that sizes the splats. Immutable and thread-safe: prepare once per
 * object and share it between renderers and threads. Lengths in mm, model frame.
 */
public final class RenderModel {

    private final Mesh mesh;
    private final float[] normals;
    private final double[] centerMm;
    private final double radiusMm;
    private final double pointSpacingMm;

    private RenderModel(Mesh mesh, float[] normals, double[] centerMm, double radiusMm, double pointSpacingMm) {
        this.mesh = mesh;
        this.normals = normals;
        this.centerMm = centerMm;
        this.radiusMm = radiusMm;
        this.pointSpacingMm = pointSpacingMm;
    }

    /**
     * Prepares a mesh in mm. Costs a normal computation when the mesh has none (for point sets a local plane fit,
     * which takes a fraction of a second for a few thousand points).
     *
     * @throws IllegalArgumentException when the mesh has no vertices or a non-finite coordinate
     */
    public static RenderModel of(Mesh mesh) {
        float[] p = mesh.positions();
        if (p.length == 0) {
            throw new IllegalArgumentException("mesh has no vertices");
        }
        for (int i = 0; i < p.length; i++) {
            if (!Float.isFinite(p[i])) {
                throw new IllegalArgumentException("vertex " + (i / 3) + " has a non-finite coordinate");
            }
        }
        float[] n = mesh.hasNormals() ? normalized(mesh.normals()) : MeshOps.vertexNormals(mesh);
        double[] c = MeshOps.boundsCenter(mesh);
        double r2 = 0;
        for (int i = 0; i < p.length; i += 3) {
            double dx = p[i] - c[0], dy = p[i + 1] - c[1], dz = p[i + 2] - c[2];
            r2 = Math.max(r2, dx * dx + dy * dy + dz * dz);
        }
        double radius = Math.sqrt(r2);
        double spacing = mesh.hasTriangles() ? 0 : pointSpacing(p, radius);
        return new RenderModel(mesh, n, c, radius, spacing);
    }

    public Mesh mesh() {
        return mesh;
    }

    /** Unit normal per vertex, model frame (shared array: do not modify). */
    public float[] normals() {
        return normals;
    }

    /** Centre of the axis-aligned bounding box, model frame, mm (a copy). */
    public double[] centerMm() {
        return centerMm.clone();
    }

    double centerMm(int axis) {
        return centerMm[axis];
    }

    /** Radius of the sphere about {@link #centerMm()} that holds every vertex, mm. */
    public double radiusMm() {
        return radiusMm;
    }

    /**
     * Median distance from a point to its nearest neighbour, mm, for a point set (0 for a triangle mesh): the
     * scale of the discs drawn for points.
     */
    public double pointSpacingMm() {
        return pointSpacingMm;
    }

    public boolean isPointSet() {
        return !mesh.hasTriangles();
    }

    private static double pointSpacing(float[] p, double radius) {
        int n = p.length / 3;
        if (n < 2) {
            return Math.max(1e-3, radius);
        }
        PointGrid grid = PointGrid.build(p, Math.max(1e-3, 2 * radius / 30));
        int step = Math.max(1, n / 2000);
        double[] d = new double[(n + step - 1) / step];
        int[] nbr = new int[2];
        int m = 0;
        for (int i = 0; i < n; i += step) {
            double x = p[3 * i], y = p[3 * i + 1], z = p[3 * i + 2];
            int found = grid.nearest(x, y, z, 2, nbr);
            double best = Double.MAX_VALUE;
            for (int k = 0; k < found; k++) {
                if (nbr[k] == i) {
                    continue;
                }
                double ex = p[3 * nbr[k]] - x, ey = p[3 * nbr[k] + 1] - y, ez = p[3 * nbr[k] + 2] - z;
                best = Math.min(best, Math.sqrt(ex * ex + ey * ey + ez * ez));
            }
            if (best < Double.MAX_VALUE && best > 0) {
                d[m++] = best;
            }
        }
        if (m == 0) {
            return Math.max(1e-3, radius / 100);
        }
        Arrays.sort(d, 0, m);
        return d[m / 2];
    }

    private static float[] normalized(float[] src) {
        float[] out = new float[src.length];
        for (int i = 0; i < src.length; i += 3) {
            double x = src[i], y = src[i + 1], z = src[i + 2];
            double len = Math.sqrt(x * x + y * y + z * z);
            if (len > 0 && Double.isFinite(len)) {
                out[i] = (float) (x / len);
                out[i + 1] = (float) (y / len);
                out[i + 2] = (float) (z / len);
            } else {
                out[i + 2] = 1;
            }
        }
        return out;
    }
}
