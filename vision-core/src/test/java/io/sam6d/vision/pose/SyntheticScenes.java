package io.sam6d.vision.pose;

import java.util.List;
import java.util.Random;

import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.geometry.MeshOps;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.Mask;

/** Synthetic test objects and depth frames with exact ground truth. */
final class SyntheticScenes {

    static final CameraIntrinsics CAMERA = new CameraIntrinsics(600, 600, 320, 240);
    static final int WIDTH = 640;
    static final int HEIGHT = 480;

    /** A rendered frame: depth in mm, the object's visible pixels and the pose that made them. */
    record Frame(DepthImage depth, Mask mask, RigidTransform modelToCamera) {
    }

    private SyntheticScenes() {
    }

    /**
     * An L-shaped prism, mm: the L has arms {@code a} (along x) and {@code b} (along y), both {@code c} wide, and is
     * extruded by {@code h} along z; centred near the origin. With a != b it has no rotational symmetry. Faces
     * have their own vertices, so normals stay sharp at the edges.
     */
    static Mesh lPrism(double a, double b, double c, double h) {
        double[][] poly = {{0, 0}, {a, 0}, {a, c}, {c, c}, {c, b}, {0, b}};
        int[][] capTris = {{0, 1, 2}, {0, 2, 3}, {0, 3, 4}, {0, 4, 5}};
        return prism(poly, capTris, h, a / 3, b / 3);
    }

    /** An axis-aligned box centred at the origin, mm. */
    static Mesh box(double sx, double sy, double sz) {
        double[][] poly = {{0, 0}, {sx, 0}, {sx, sy}, {0, sy}};
        int[][] capTris = {{0, 1, 2}, {0, 2, 3}};
        return prism(poly, capTris, sz, sx / 2, sy / 2);
    }

    /**
     * A closed cylinder about the z axis, centred at the origin, mm: {@code segments} side facets with smooth
     * normals, flat caps with their own vertices.
     */
    static Mesh cylinder(double radius, double height, int segments) {
        int n = segments;
        float[] pos = new float[3 * (4 * n + 2)];
        float[] nrm = new float[pos.length];
        int[] tri = new int[3 * (4 * n)];
        double hz = height / 2;
        // side: vertices 0..2n-1 (bottom, top per segment); caps: 2n..4n-1 and the two centres
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / n, c = Math.cos(a), sn = Math.sin(a);
            setV(pos, nrm, 2 * i, radius * c, radius * sn, -hz, c, sn, 0);
            setV(pos, nrm, 2 * i + 1, radius * c, radius * sn, hz, c, sn, 0);
            setV(pos, nrm, 2 * n + i, radius * c, radius * sn, -hz, 0, 0, -1);
            setV(pos, nrm, 3 * n + i, radius * c, radius * sn, hz, 0, 0, 1);
        }
        int cb = 4 * n, ct = 4 * n + 1;
        setV(pos, nrm, cb, 0, 0, -hz, 0, 0, -1);
        setV(pos, nrm, ct, 0, 0, hz, 0, 0, 1);
        int k = 0;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            int[][] faces = {{2 * i, 2 * j, 2 * j + 1}, {2 * i, 2 * j + 1, 2 * i + 1},
                {cb, 2 * n + j, 2 * n + i}, {ct, 3 * n + i, 3 * n + j}};
            for (int[] f : faces) {
                tri[k++] = f[0];
                tri[k++] = f[1];
                tri[k++] = f[2];
            }
        }
        return new Mesh(pos, nrm, null, tri);
    }

    private static void setV(float[] pos, float[] nrm, int v, double x, double y, double z, double nx, double ny,
            double nz) {
        pos[3 * v] = (float) x;
        pos[3 * v + 1] = (float) y;
        pos[3 * v + 2] = (float) z;
        nrm[3 * v] = (float) nx;
        nrm[3 * v + 1] = (float) ny;
        nrm[3 * v + 2] = (float) nz;
    }

    private static Mesh prism(double[][] poly, int[][] capTris, double h, double ox, double oy) {
        int n = poly.length;
        int faces = 2 * capTris.length + 2 * n;
        float[] pos = new float[faces * 9];
        float[] nrm = new float[faces * 9];
        int[] tri = new int[faces * 3];
        int[] f = {0};
        double oz = h / 2;
        for (int[] t : capTris) {
            // bottom (z = 0, facing -z): reversed winding; top (z = h, facing +z)
            addTri(pos, nrm, tri, f, new double[] {poly[t[0]][0] - ox, poly[t[0]][1] - oy, -oz},
                    new double[] {poly[t[2]][0] - ox, poly[t[2]][1] - oy, -oz},
                    new double[] {poly[t[1]][0] - ox, poly[t[1]][1] - oy, -oz});
            addTri(pos, nrm, tri, f, new double[] {poly[t[0]][0] - ox, poly[t[0]][1] - oy, h - oz},
                    new double[] {poly[t[1]][0] - ox, poly[t[1]][1] - oy, h - oz},
                    new double[] {poly[t[2]][0] - ox, poly[t[2]][1] - oy, h - oz});
        }
        for (int i = 0; i < n; i++) {
            double[] p = poly[i], q = poly[(i + 1) % n];
            double[] p0 = {p[0] - ox, p[1] - oy, -oz}, q0 = {q[0] - ox, q[1] - oy, -oz};
            double[] p1 = {p[0] - ox, p[1] - oy, h - oz}, q1 = {q[0] - ox, q[1] - oy, h - oz};
            addTri(pos, nrm, tri, f, p0, q0, q1);
            addTri(pos, nrm, tri, f, p0, q1, p1);
        }
        return new Mesh(pos, nrm, null, tri);
    }

    private static void addTri(float[] pos, float[] nrm, int[] tri, int[] f, double[] a, double[] b, double[] c) {
        double ux = b[0] - a[0], uy = b[1] - a[1], uz = b[2] - a[2];
        double vx = c[0] - a[0], vy = c[1] - a[1], vz = c[2] - a[2];
        double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
        double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
        int k = f[0]++;
        double[][] v = {a, b, c};
        for (int j = 0; j < 3; j++) {
            for (int d = 0; d < 3; d++) {
                pos[9 * k + 3 * j + d] = (float) v[j][d];
            }
            nrm[9 * k + 3 * j] = (float) (nx / len);
            nrm[9 * k + 3 * j + 1] = (float) (ny / len);
            nrm[9 * k + 3 * j + 2] = (float) (nz / len);
            tri[3 * k + j] = 3 * k + j;
        }
    }

    /** Colour of a face with outward normal n (axis-aligned faces of a box get six different colours), rgb 0..1. */
    static float[] faceColour(double nx, double ny, double nz) {
        if (Math.abs(nx) > 0.5) {
            return nx > 0 ? new float[] {0.9f, 0.1f, 0.1f} : new float[] {0.1f, 0.8f, 0.2f};
        }
        if (Math.abs(ny) > 0.5) {
            return ny > 0 ? new float[] {0.1f, 0.2f, 0.9f} : new float[] {0.9f, 0.9f, 0.1f};
        }
        return nz > 0 ? new float[] {0.8f, 0.2f, 0.8f} : new float[] {0.2f, 0.8f, 0.9f};
    }

    /** {@link #box} with each face in its own {@link #faceColour}. */
    static Mesh colouredBox(double sx, double sy, double sz) {
        Mesh m = box(sx, sy, sz);
        float[] n = m.normals();
        float[] c = new float[n.length];
        for (int i = 0; i < n.length / 3; i++) {
            System.arraycopy(faceColour(n[3 * i], n[3 * i + 1], n[3 * i + 2]), 0, c, 3 * i, 3);
        }
        return new Mesh(m.positions(), n, c, m.triangles());
    }

    /**
     * A colour image of the posed mesh (faces coloured by {@link #faceColour}, shaded by the angle to the camera and
     * dimmed to 80 %) over a noisy grey background, with the same z-buffer as {@link #renderAll}.
     */
    static io.sam6d.vision.image.RgbImage renderColour(Mesh mesh, RigidTransform pose, Mask visible, long seed) {
        float[][] s = MeshOps.samplePoints(mesh, 400_000, seed);
        float[] z = new float[WIDTH * HEIGHT];
        byte[] rgb = new byte[3 * WIDTH * HEIGHT];
        Random rnd = new Random(seed);
        for (int k = 0; k < WIDTH * HEIGHT; k++) {
            int g = 90 + rnd.nextInt(60);
            rgb[3 * k] = (byte) g;
            rgb[3 * k + 1] = (byte) g;
            rgb[3 * k + 2] = (byte) (g + 10);
        }
        double[] p = new double[3];
        for (int i = 0; i < s[0].length / 3; i++) {
            pose.apply(s[0][3 * i], s[0][3 * i + 1], s[0][3 * i + 2], p, 0);
            double[] n = pose.rotate(s[1][3 * i], s[1][3 * i + 1], s[1][3 * i + 2]);
            double facing = -(n[0] * p[0] + n[1] * p[1] + n[2] * p[2]) / Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
            if (facing <= 0) {
                continue;
            }
            int u = (int) Math.round(CAMERA.fx() * p[0] / p[2] + CAMERA.cx());
            int v = (int) Math.round(CAMERA.fy() * p[1] / p[2] + CAMERA.cy());
            if (u < 0 || v < 0 || u >= WIDTH || v >= HEIGHT || !visible.get(u, v)) {
                continue;
            }
            int k = v * WIDTH + u;
            if (z[k] == 0 || p[2] < z[k]) {
                z[k] = (float) p[2];
                float[] c = faceColour(s[1][3 * i], s[1][3 * i + 1], s[1][3 * i + 2]);
                double shade = 0.8 * (0.5 + 0.5 * facing);
                for (int ch = 0; ch < 3; ch++) {
                    rgb[3 * k + ch] = (byte) Math.min(255, Math.round(255 * c[ch] * shade));
                }
            }
        }
        return new io.sam6d.vision.image.RgbImage(WIDTH, HEIGHT, rgb);
    }

    /** A pose looking at the object from a seeded random direction, centred at (tx, ty, tz) mm. */
    static RigidTransform randomPose(Random rnd, double tx, double ty, double tz) {
        double ax = rnd.nextGaussian(), ay = rnd.nextGaussian(), az = rnd.nextGaussian();
        return RigidTransform.fromAxisAngle(ax, ay, az, rnd.nextDouble() * Math.PI, new double[] {tx, ty, tz});
    }

    /** {@code pose} turned by {@code deg} about {@code axis} through the object's origin, then moved by {@code dtMm}. */
    static RigidTransform perturb(RigidTransform pose, double[] axis, double deg, double[] dtMm) {
        RigidTransform turn = RigidTransform.fromAxisAngle(axis[0], axis[1], axis[2], Math.toRadians(deg), new double[3]);
        double[] r = turn.compose(pose).rotation();
        double[] t = pose.translation();
        return new RigidTransform(r, new double[] {t[0] + dtMm[0], t[1] + dtMm[1], t[2] + dtMm[2]});
    }

    /**
     * Renders the posed mesh in front of a tilted background plane through (0, 0, t_z + 150 mm), by z-buffering
     * dense surface samples; adds Gaussian depth noise.
     */
    static Frame render(Mesh mesh, RigidTransform pose, double noiseMm, long seed) {
        Scene s = renderAll(List.of(mesh), List.of(pose), pose.t(2) + 150, noiseMm, seed);
        return new Frame(s.depth(), s.masks().get(0), pose);
    }

    /** Several objects: depth, and each object's visible pixels in the order given. */
    record Scene(DepthImage depth, List<Mask> masks) {
    }

    /**
     * Renders posed meshes in front of the plane z = planeZ + 0.3 y (camera frame, mm: a table seen at a slant),
     * with Gaussian depth noise.
     */
    static Scene renderAll(List<Mesh> meshes, List<RigidTransform> poses, double planeZ, double noiseMm, long seed) {
        float[] z = new float[WIDTH * HEIGHT];
        int[] owner = new int[WIDTH * HEIGHT];
        double[] p = new double[3];
        for (int o = 0; o < meshes.size(); o++) {
            RigidTransform pose = poses.get(o);
            float[][] s = MeshOps.samplePoints(meshes.get(o), 400_000, seed + o);
            for (int i = 0; i < s[0].length / 3; i++) {
                pose.apply(s[0][3 * i], s[0][3 * i + 1], s[0][3 * i + 2], p, 0);
                double[] n = pose.rotate(s[1][3 * i], s[1][3 * i + 1], s[1][3 * i + 2]);
                if (n[0] * p[0] + n[1] * p[1] + n[2] * p[2] > 0 || p[2] < 1) {
                    continue;
                }
                int u = (int) Math.round(CAMERA.fx() * p[0] / p[2] + CAMERA.cx());
                int v = (int) Math.round(CAMERA.fy() * p[1] / p[2] + CAMERA.cy());
                if (u < 0 || v < 0 || u >= WIDTH || v >= HEIGHT) {
                    continue;
                }
                int k = v * WIDTH + u;
                if (z[k] == 0 || p[2] < z[k]) {
                    z[k] = (float) p[2];
                    owner[k] = o;
                }
            }
        }
        Random rnd = new Random(seed);
        boolean[][] masks = new boolean[meshes.size()][z.length];
        float[] depth = new float[z.length];
        for (int v = 0; v < HEIGHT; v++) {
            double ry = (v - CAMERA.cy()) / CAMERA.fy();
            double plane = planeZ / (1 - 0.3 * ry);
            for (int u = 0; u < WIDTH; u++) {
                int k = v * WIDTH + u;
                boolean object = z[k] > 0 && z[k] < plane;
                if (object) {
                    masks[owner[k]][k] = true;
                }
                depth[k] = (float) ((object ? z[k] : plane) + noiseMm * rnd.nextGaussian());
            }
        }
        List<Mask> out = new java.util.ArrayList<>();
        for (boolean[] m : masks) {
            out.add(new Mask(WIDTH, HEIGHT, m));
        }
        return new Scene(new DepthImage(WIDTH, HEIGHT, depth), out);
    }

    /** Depth of the background plane of {@link #renderAll} at camera-frame height y, mm. */
    static double planeDepthAt(double planeZ, double y) {
        return planeZ + 0.3 * y;
    }
}
