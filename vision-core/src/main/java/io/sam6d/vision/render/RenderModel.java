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
    private final int[] triangles;
    private final float[] pointRadiiMm;
    private final double pointSpacingMm;

    /** Neighbours a point's splat should reach: discs this large leave under 1 % of a randomly sampled surface bare. */
    static final int SPLAT_NEIGHBOURS = 6;

    private RenderModel(Mesh mesh, int[] triangles, float[] normals, double[] centerMm, double radiusMm,
            float[] pointRadiiMm, double pointSpacingMm) {
        this.mesh = mesh;
        this.triangles = triangles;
        this.normals = normals;
        this.centerMm = centerMm;
        this.radiusMm = radiusMm;
        this.pointRadiiMm = pointRadiiMm;
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
        float[] radii = mesh.hasTriangles() ? null : pointRadii(p, radius);
        double spacing = 0;
        if (radii != null) {
            float[] sorted = radii.clone();
            Arrays.sort(sorted);
            spacing = sorted[sorted.length / 2];
        }
        return new RenderModel(mesh, spatiallySorted(mesh), n, c, radius, radii, spacing);
    }

    public Mesh mesh() {
        return mesh;
    }

    /**
     * The mesh's triangles (three vertex indices each) reordered along a space-filling curve, so that triangles
     * drawn one after the other touch nearby pixels (far fewer cache misses on the depth buffer than file order).
     * Shared array: do not modify.
     */
    public int[] triangles() {
        return triangles;
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
     * For a point set, the median of {@link #pointRadiiMm()}, mm: the typical splat radius. 0 for a triangle mesh.
     */
    public double pointSpacingMm() {
        return pointSpacingMm;
    }

    /**
     * For a point set, per point the distance to its 6th nearest neighbour, mm: the radius of the disc that
     * stands for the point (it adapts to uneven sampling density). Null for a triangle mesh. Shared array: do not
     * modify.
     */
    public float[] pointRadiiMm() {
        return pointRadiiMm;
    }

    public boolean isPointSet() {
        return !mesh.hasTriangles();
    }

    /** Triangles sorted by the Morton code of their centroid on a 1024^3 grid over the bounding box. */
    private static int[] spatiallySorted(Mesh mesh) {
        int[] t = mesh.triangles();
        int nt = t.length / 3;
        if (nt < 2) {
            return t;
        }
        float[] p = mesh.positions();
        double[] b = MeshOps.bounds(mesh);
        double[] scale = new double[3];
        for (int k = 0; k < 3; k++) {
            double extent = b[k + 3] - b[k];
            scale[k] = extent > 0 ? 1023 / extent : 0;
        }
        long[] keyed = new long[nt];
        for (int i = 0; i < nt; i++) {
            long code = 0;
            for (int k = 0; k < 3; k++) {
                double c = (p[3 * t[3 * i] + k] + p[3 * t[3 * i + 1] + k] + p[3 * t[3 * i + 2] + k]) / 3;
                code |= spread((int) Math.max(0, Math.min(1023, (c - b[k]) * scale[k]))) << k;
            }
            keyed[i] = code << 32 | i;
        }
        Arrays.sort(keyed);
        int[] out = new int[t.length];
        for (int i = 0; i < nt; i++) {
            int src = (int) keyed[i];
            out[3 * i] = t[3 * src];
            out[3 * i + 1] = t[3 * src + 1];
            out[3 * i + 2] = t[3 * src + 2];
        }
        return out;
    }

    /** The 10 bits of v spread to every third bit. */
    private static long spread(int v) {
        long x = v & 0x3FF;
        x = (x | x << 16) & 0x30000FFL;
        x = (x | x << 8) & 0x300F00FL;
        x = (x | x << 4) & 0x30C30C3L;
        x = (x | x << 2) & 0x9249249L;
        return x;
    }

    private static float[] pointRadii(float[] p, double radius) {
        int n = p.length / 3;
        float[] out = new float[n];
        if (n < 2) {
            Arrays.fill(out, (float) Math.max(1e-3, radius));
            return out;
        }
        int k = Math.min(SPLAT_NEIGHBOURS + 1, n);
        PointGrid grid = PointGrid.build(p, Math.max(1e-3, 2 * radius / 30));
        int[] nbr = new int[k];
        for (int i = 0; i < n; i++) {
            double x = p[3 * i], y = p[3 * i + 1], z = p[3 * i + 2];
            int found = grid.nearest(x, y, z, k, nbr);
            double far = 0;
            for (int m = 0; m < found; m++) {
                double ex = p[3 * nbr[m]] - x, ey = p[3 * nbr[m] + 1] - y, ez = p[3 * nbr[m] + 2] - z;
                far = Math.max(far, ex * ex + ey * ey + ez * ez);
            }
            out[i] = (float) Math.max(1e-3, Math.sqrt(far));
        }
        return out;
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
