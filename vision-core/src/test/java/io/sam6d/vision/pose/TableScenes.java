package io.sam6d.vision.pose;

import java.util.Random;

import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.geometry.MeshOps;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.Mask;

/**
 * Synthetic depth frames of an object standing on a table (the world plane z = 0, +z up), seen by
 * {@link SyntheticScenes#CAMERA} from above at a slant. World and model frames in mm.
 */
final class TableScenes {

    /** A rendered frame: depth in mm (table and object), the object's visible pixels and its pose. */
    record Frame(DepthImage depth, Mask mask, RigidTransform modelToCamera) {
    }

    private TableScenes() {
    }

    /**
     * World to camera for a camera at {@code distanceMm} from the world origin, {@code elevationDeg} above the table
     * and {@code azimuthDeg} round it, looking at the origin with the image's up towards world +z.
     */
    static RigidTransform worldToCamera(double elevationDeg, double azimuthDeg, double distanceMm) {
        double el = Math.toRadians(elevationDeg), az = Math.toRadians(azimuthDeg);
        double[] c = {distanceMm * Math.cos(el) * Math.cos(az), distanceMm * Math.cos(el) * Math.sin(az),
            distanceMm * Math.sin(el)};
        double[] z = unit(new double[] {-c[0], -c[1], -c[2]});
        double[] x = unit(cross(z, new double[] {0, 0, 1}));
        double[] y = cross(z, x);
        double[] r = {x[0], x[1], x[2], y[0], y[1], y[2], z[0], z[1], z[2]};
        double[] t = new double[3];
        for (int i = 0; i < 3; i++) {
            t[i] = -(r[3 * i] * c[0] + r[3 * i + 1] * c[1] + r[3 * i + 2] * c[2]);
        }
        return new RigidTransform(r, t);
    }

    /** A pose on the table: turned by {@code yawDeg} about world z, then moved to {@code (x, y, z)} mm. */
    static RigidTransform onTable(RigidTransform modelTurn, double yawDeg, double x, double y, double z) {
        RigidTransform yaw = RigidTransform.fromAxisAngle(0, 0, 1, Math.toRadians(yawDeg), new double[] {x, y, z});
        return yaw.compose(modelTurn);
    }

    /** Renders the mesh at {@code modelToWorld} on the table, with Gaussian depth noise. */
    static Frame render(Mesh mesh, RigidTransform modelToWorld, RigidTransform worldToCamera, double noiseMm,
            long seed) {
        RigidTransform modelToCamera = worldToCamera.compose(modelToWorld);
        int w = SyntheticScenes.WIDTH, h = SyntheticScenes.HEIGHT;
        var cam = SyntheticScenes.CAMERA;
        float[] z = new float[w * h];
        float[][] s = MeshOps.samplePoints(mesh, 400_000, seed);
        double[] p = new double[3];
        for (int i = 0; i < s[0].length / 3; i++) {
            modelToCamera.apply(s[0][3 * i], s[0][3 * i + 1], s[0][3 * i + 2], p, 0);
            double[] n = modelToCamera.rotate(s[1][3 * i], s[1][3 * i + 1], s[1][3 * i + 2]);
            if (n[0] * p[0] + n[1] * p[1] + n[2] * p[2] > 0 || p[2] < 1) {
                continue;
            }
            int u = (int) Math.round(cam.fx() * p[0] / p[2] + cam.cx());
            int v = (int) Math.round(cam.fy() * p[1] / p[2] + cam.cy());
            if (u >= 0 && v >= 0 && u < w && v < h && (z[v * w + u] == 0 || p[2] < z[v * w + u])) {
                z[v * w + u] = (float) p[2];
            }
        }
        // the table in the camera frame: normal n, through the point t (the world origin)
        double[] n = worldToCamera.rotate(0, 0, 1);
        double[] o = worldToCamera.translation();
        double nt = n[0] * o[0] + n[1] * o[1] + n[2] * o[2];
        Random rnd = new Random(seed);
        float[] depth = new float[w * h];
        boolean[] mask = new boolean[w * h];
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                double dx = (u - cam.cx()) / cam.fx(), dy = (v - cam.cy()) / cam.fy();
                double nd = n[0] * dx + n[1] * dy + n[2];
                double table = Math.abs(nd) > 1e-9 ? nt / nd : -1;
                int k = v * w + u;
                boolean object = z[k] > 0 && (table <= 0 || z[k] < table);
                mask[k] = object;
                double d = object ? z[k] : table > 0 ? table : 0;
                depth[k] = d > 0 ? (float) (d + noiseMm * rnd.nextGaussian()) : 0;
            }
        }
        return new Frame(new DepthImage(w, h, depth), new Mask(w, h, mask), modelToCamera);
    }

    private static double[] unit(double[] v) {
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }
}
