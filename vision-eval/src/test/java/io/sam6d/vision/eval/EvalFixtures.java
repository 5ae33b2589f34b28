package io.sam6d.vision.eval;

import java.util.ArrayList;
import java.util.List;

import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.io.bop.ModelInfo;

/** Small synthetic models with known geometry for the metric tests. */
final class EvalFixtures {

    private EvalFixtures() {
    }

    /**
     * Points on the surface of the box [-hx,hx] x [-hy,hy] x [-hz,hz] (mm) on a grid that is symmetric under a
     * half turn about z, so that turn maps the point set onto itself exactly.
     */
    static float[] boxPoints(double hx, double hy, double hz, int perEdge) {
        List<Float> pts = new ArrayList<>();
        for (int i = 0; i <= perEdge; i++) {
            for (int j = 0; j <= perEdge; j++) {
                for (int k = 0; k <= perEdge; k++) {
                    boolean onSurface = i == 0 || j == 0 || k == 0 || i == perEdge || j == perEdge || k == perEdge;
                    if (onSurface) {
                        pts.add((float) (-hx + 2 * hx * i / perEdge));
                        pts.add((float) (-hy + 2 * hy * j / perEdge));
                        pts.add((float) (-hz + 2 * hz * k / perEdge));
                    }
                }
            }
        }
        float[] out = new float[pts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = pts.get(i);
        }
        return out;
    }

    /** Points of a flat square [-h,h]^2 in the plane z = 0. */
    static float[] squarePoints(double h, int perEdge) {
        float[] out = new float[3 * (perEdge + 1) * (perEdge + 1)];
        int o = 0;
        for (int i = 0; i <= perEdge; i++) {
            for (int j = 0; j <= perEdge; j++) {
                out[o++] = (float) (-h + 2 * h * i / perEdge);
                out[o++] = (float) (-h + 2 * h * j / perEdge);
                out[o++] = 0;
            }
        }
        return out;
    }

    /** Points on a cylinder about z of the given radius and height, evenly spaced in angle. */
    static float[] cylinderPoints(double radius, double height, int around, int along) {
        float[] out = new float[3 * around * (along + 1)];
        int o = 0;
        for (int a = 0; a < around; a++) {
            double phi = 2 * Math.PI * a / around;
            for (int h = 0; h <= along; h++) {
                out[o++] = (float) (radius * Math.cos(phi));
                out[o++] = (float) (radius * Math.sin(phi));
                out[o++] = (float) (-height / 2 + height * h / along);
            }
        }
        return out;
    }

    static double diameter(float[] p) {
        double best = 0;
        for (int i = 0; i < p.length; i += 3) {
            for (int j = i + 3; j < p.length; j += 3) {
                double dx = p[i] - p[j], dy = p[i + 1] - p[j + 1], dz = p[i + 2] - p[j + 2];
                best = Math.max(best, dx * dx + dy * dy + dz * dz);
            }
        }
        return Math.sqrt(best);
    }

    static ModelInfo info(int objId, double diameter, boolean symmetricAdds, List<RigidTransform> discrete,
            List<ModelInfo.ContinuousSymmetry> continuous) {
        return new ModelInfo(objId, "test" + objId, diameter, new double[3], new double[3], symmetricAdds, false,
                discrete, continuous);
    }

    static RigidTransform halfTurnZ() {
        return RigidTransform.fromAxisAngle(0, 0, 1, Math.PI, new double[3]);
    }

    /** A camera-facing pose at distance z (mm): model axes aligned with the camera's. */
    static RigidTransform facing(double zMm) {
        return new RigidTransform(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[] {0, 0, zMm});
    }

    static RigidTransform translated(RigidTransform pose, double dx, double dy, double dz) {
        double[] t = pose.translation();
        return new RigidTransform(pose.rotation(), new double[] {t[0] + dx, t[1] + dy, t[2] + dz});
    }

    /** A generic pose with a rotation that is not about a principal axis. */
    static RigidTransform genericPose() {
        return RigidTransform.fromAxisAngle(0.3, -0.5, 0.8, 0.7, new double[] {35, -20, 800});
    }
}
