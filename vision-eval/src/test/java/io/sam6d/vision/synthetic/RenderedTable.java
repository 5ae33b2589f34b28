package io.sam6d.vision.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.image.RgbImage;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.render.MeshRenderer;
import io.sam6d.vision.render.RenderInstance;
import io.sam6d.vision.render.RenderModel;
import io.sam6d.vision.render.RenderOutput;
import io.sam6d.vision.render.RenderResult;

/**
 * Small rendered RGB-D scenes in memory with exact ground truth: chosen objects standing on a table seen from above
 * at an angle, like the YCB-Video frames, with the sensor-like depth degradation of
 * {@link DepthNoise}. Lengths in mm. ({@link SyntheticScenes}
 * writes whole BOP datasets with random placements; the tests here need a fixed arrangement.)
 */
final class RenderedTable {

    static final CameraIntrinsics CAMERA = new CameraIntrinsics(600, 600, 319.5, 239.5);
    static final int WIDTH = 640;
    static final int HEIGHT = 480;

    private RenderedTable() {
    }

    /** A rendered frame and the visible mask of each placed object, in placement order. */
    record Scene(RgbdFrame frame, List<Mask> masks, List<RigidTransform> poses) {
    }

    /** An object to place: mesh and model-to-table pose (table frame: z up, origin on the table in front). */
    record Placed(Mesh mesh, double xMm, double yMm, double yawDeg, double liftMm) {
    }

    /**
     * The camera looks at the table origin from {@code distanceMm} away, {@code tiltDeg} down from horizontal.
     * Objects stand on the table (their lowest point at table height plus {@code liftMm}); {@code seed} drives the
     * depth and colour noise.
     */
    static Scene render(List<Placed> objects, double distanceMm, double tiltDeg, long seed) {
        // table frame -> camera: the camera sits above the table looking down at tiltDeg
        double a = Math.toRadians(90 + tiltDeg);
        // rotate table frame about x so that table z (up) maps to camera -y (up in the image) tilted towards it
        RigidTransform tableToCamera = RigidTransform.fromAxisAngle(1, 0, 0, a, new double[] {0, 0, distanceMm});
        List<RenderInstance> inst = new ArrayList<>();
        List<RigidTransform> poses = new ArrayList<>();
        inst.add(new RenderInstance(RenderModel.of(table(1600)), tableToCamera));
        for (Placed p : objects) {
            double[] b = io.sam6d.vision.geometry.MeshOps.bounds(p.mesh());
            RigidTransform yaw = RigidTransform.fromAxisAngle(0, 0, 1, Math.toRadians(p.yawDeg()),
                    new double[] {p.xMm(), p.yMm(), -b[2] + p.liftMm()});
            RigidTransform modelToCamera = tableToCamera.compose(yaw);
            poses.add(modelToCamera);
            inst.add(new RenderInstance(RenderModel.of(p.mesh()), modelToCamera));
        }
        MeshRenderer renderer = new MeshRenderer();
        RenderResult res = renderer.renderScene(inst, CAMERA, WIDTH, HEIGHT, null, RenderOutput.ALL);
        int n = WIDTH * HEIGHT;
        Random rnd = new Random(seed);
        ConfigDepthNoise noise = new ConfigDepthNoise();
        float[] depth = DepthNoise.degradeDepth(res.depthMm(), res.normals(), res.rgb(), WIDTH, HEIGHT, CAMERA, noise,
                rnd);
        byte[] rgb = DepthNoise.degradeRgb(res.rgb(), noise, rnd);
        int[] instance = res.instance();
        List<Mask> masks = new ArrayList<>();
        for (int k = 1; k < inst.size(); k++) {
            boolean[] bits = new boolean[n];
            for (int i = 0; i < n; i++) {
                bits[i] = instance[i] == k;
            }
            masks.add(new Mask(WIDTH, HEIGHT, bits));
        }
        RgbdFrame frame = new RgbdFrame(new RgbImage(WIDTH, HEIGHT, rgb), new DepthImage(WIDTH, HEIGHT, depth), CAMERA);
        return new Scene(frame, masks, poses);
    }

    /** A square table top of side {@code size} at z = 0 (two triangles, facing +z). */
    static Mesh table(double size) {
        float h = (float) (size / 2);
        float[] p = {-h, -h, 0, h, -h, 0, h, h, 0, -h, h, 0};
        float[] c = {0.6f, 0.6f, 0.55f, 0.6f, 0.6f, 0.55f, 0.6f, 0.6f, 0.55f, 0.6f, 0.6f, 0.55f};
        return new Mesh(p, null, c, new int[] {0, 1, 2, 0, 2, 3});
    }

    /** An axis-aligned box centred at the origin, faces counter-clockwise seen from outside, one colour. */
    static Mesh box(double sx, double sy, double sz, float r, float g, float b) {
        float x = (float) (sx / 2), y = (float) (sy / 2), z = (float) (sz / 2);
        float[] p = {-x, -y, -z, x, -y, -z, x, y, -z, -x, y, -z, -x, -y, z, x, -y, z, x, y, z, -x, y, z};
        int[] t = {0, 3, 2, 0, 2, 1, 4, 5, 6, 4, 6, 7, 0, 1, 5, 0, 5, 4, 3, 7, 6, 3, 6, 2, 0, 4, 7, 0, 7, 3,
            1, 2, 6, 1, 6, 5};
        return new Mesh(p, null, uniform(8, r, g, b), t);
    }

    /** A closed cylinder of radius r and height h about the z axis, centred at the origin. */
    static Mesh cylinder(double radius, double height, int sides, float r, float g, float b) {
        int n = sides;
        float[] p = new float[3 * (2 * n + 2)];
        for (int i = 0; i < n; i++) {
            double ang = 2 * Math.PI * i / n;
            float cx = (float) (radius * Math.cos(ang)), cy = (float) (radius * Math.sin(ang));
            p[3 * i] = cx;
            p[3 * i + 1] = cy;
            p[3 * i + 2] = (float) (-height / 2);
            p[3 * (n + i)] = cx;
            p[3 * (n + i) + 1] = cy;
            p[3 * (n + i) + 2] = (float) (height / 2);
        }
        int bottom = 2 * n, top = 2 * n + 1;
        p[3 * bottom + 2] = (float) (-height / 2);
        p[3 * top + 2] = (float) (height / 2);
        int[] t = new int[3 * 4 * n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            t[k++] = i;
            t[k++] = j;
            t[k++] = n + j;
            t[k++] = i;
            t[k++] = n + j;
            t[k++] = n + i;
            t[k++] = bottom;
            t[k++] = j;
            t[k++] = i;
            t[k++] = top;
            t[k++] = n + i;
            t[k++] = n + j;
        }
        return new Mesh(p, null, uniform(2 * n + 2, r, g, b), t);
    }

    private static float[] uniform(int vertices, float r, float g, float b) {
        float[] c = new float[3 * vertices];
        for (int i = 0; i < vertices; i++) {
            c[3 * i] = r;
            c[3 * i + 1] = g;
            c[3 * i + 2] = b;
        }
        return c;
    }
}
