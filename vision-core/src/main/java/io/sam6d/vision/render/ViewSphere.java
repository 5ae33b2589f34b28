package io.sam6d.vision.render;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.geometry.Vec3;

/** Viewpoints around an object and look-at camera poses (OpenCV camera: x right, y down, z forward). */
public final class ViewSphere {

    private static final double[] UP = {0, 0, 1};

    private static final double PHI = (1 + Math.sqrt(5)) / 2;
    private static final double[][] ICOSAHEDRON = {
        {-1, PHI, 0}, {1, PHI, 0}, {-1, -PHI, 0}, {1, -PHI, 0},
        {0, -1, PHI}, {0, 1, PHI}, {0, -1, -PHI}, {0, 1, -PHI},
        {PHI, 0, -1}, {PHI, 0, 1}, {-PHI, 0, -1}, {-PHI, 0, 1}};
    private static final int[] ICOSAHEDRON_FACES = {
        0, 11, 5, 0, 5, 1, 0, 1, 7, 0, 7, 10, 0, 10, 11,
        1, 5, 9, 5, 11, 4, 11, 10, 2, 10, 7, 6, 7, 1, 8,
        3, 9, 4, 3, 4, 2, 3, 2, 6, 3, 6, 8, 3, 8, 9,
        4, 9, 5, 2, 4, 11, 6, 2, 10, 8, 6, 7, 9, 8, 1};

    private ViewSphere() {
    }

    /** The model direction that appears as "up" in every template: +Z (a copy). */
    public static double[] up() {
        return UP.clone();
    }

    /**
     * {@code count} unit directions from the object centre to the camera: the vertices of an icosphere when
     * {@code count} is 12, 42, 162, 642 or 2562 (levels 0-4), otherwise a Fibonacci sphere. Always the same order.
     */
    public static List<double[]> directions(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("need at least one view, got " + count);
        }
        int n = 12;
        for (int level = 0; level <= 4; level++, n = 4 * n - 6) {
            if (n == count) {
                return icosphere(level);
            }
        }
        return fibonacci(count);
    }

    /** Vertices of the icosahedron subdivided {@code level} times, projected to the unit sphere. */
    public static List<double[]> icosphere(int level) {
        List<double[]> verts = new ArrayList<>();
        for (double[] v : ICOSAHEDRON) {
            verts.add(Vec3.normalize(v));
        }
        int[] faces = ICOSAHEDRON_FACES.clone();
        for (int l = 0; l < level; l++) {
            Map<Long, Integer> midpoints = new HashMap<>();
            int[] next = new int[faces.length * 4];
            int k = 0;
            for (int f = 0; f < faces.length; f += 3) {
                int a = faces[f], b = faces[f + 1], c = faces[f + 2];
                int ab = midpoint(verts, midpoints, a, b);
                int bc = midpoint(verts, midpoints, b, c);
                int ca = midpoint(verts, midpoints, c, a);
                int[] tris = {a, ab, ca, b, bc, ab, c, ca, bc, ab, bc, ca};
                System.arraycopy(tris, 0, next, k, 12);
                k += 12;
            }
            faces = next;
        }
        return verts;
    }

    private static int midpoint(List<double[]> verts, Map<Long, Integer> cache, int a, int b) {
        long key = ((long) Math.min(a, b) << 32) | Math.max(a, b);
        return cache.computeIfAbsent(key, k -> {
            double[] p = verts.get(a), q = verts.get(b);
            verts.add(Vec3.normalize(new double[] {p[0] + q[0], p[1] + q[1], p[2] + q[2]}));
            return verts.size() - 1;
        });
    }

    /** {@code count} nearly evenly spread unit directions (golden-angle spiral from +Z to -Z). */
    public static List<double[]> fibonacci(int count) {
        List<double[]> out = new ArrayList<>(count);
        double golden = Math.PI * (3 - Math.sqrt(5));
        for (int i = 0; i < count; i++) {
            double z = count == 1 ? 1 : 1 - 2 * (i + 0.5) / count;
            double r = Math.sqrt(Math.max(0, 1 - z * z));
            double a = golden * i;
            out.add(new double[] {r * Math.cos(a), r * Math.sin(a), z});
        }
        return out;
    }

    /**
     * The model-to-camera pose of a camera at {@code eyeMm} looking at {@code targetMm} (both in the model frame),
     * with {@code up} (model frame) pointing up in the image (-y of the camera) as far as possible. When the view
     * direction is parallel to {@code up}, model +Y (or +X if {@code up} is Y) is used instead.
     */
    public static RigidTransform lookAt(double[] eyeMm, double[] targetMm, double[] up) {
        double[] z = Vec3.normalize(new double[] {targetMm[0] - eyeMm[0], targetMm[1] - eyeMm[1],
            targetMm[2] - eyeMm[2]});
        double[] x = Vec3.cross(z, up);
        if (Vec3.norm(x) < 1e-6 * Vec3.norm(up)) {
            double[] alt = Math.abs(up[1]) > 0.9 * Vec3.norm(up) ? new double[] {1, 0, 0} : new double[] {0, 1, 0};
            x = Vec3.cross(z, alt);
        }
        x = Vec3.normalize(x);
        double[] y = Vec3.cross(z, x);
        double[] r = {x[0], x[1], x[2], y[0], y[1], y[2], z[0], z[1], z[2]};
        double[] t = new double[3];
        for (int i = 0; i < 3; i++) {
            t[i] = -(r[3 * i] * eyeMm[0] + r[3 * i + 1] * eyeMm[1] + r[3 * i + 2] * eyeMm[2]);
        }
        return new RigidTransform(r, t);
    }
}
