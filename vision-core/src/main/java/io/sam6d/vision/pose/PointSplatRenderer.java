package io.sam6d.vision.pose;

import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.geometry.RigidTransform;

/**
 * Renders a model's depth by splatting dense, evenly spread surface samples into a z-buffer: each sample facing the
 * camera covers the pixels whose centres lie within about half the sample spacing (seen at its depth) of it, so the
 * silhouette is neither grown nor shrunk on average. Good to a pixel at the silhouette,
 * which is what verification needs; no triangles required, so point-set models work too.
 */
public final class PointSplatRenderer implements ModelDepthRenderer {

    private final float[] xyz;
    private final float[] normals;
    private final float[] colors;
    private final double spacingMm;

    /**
     * @param xyz       surface samples in the model frame, mm (not copied)
     * @param normals   their outward unit normals (not copied), or null to draw back faces too
     * @param spacingMm typical distance between neighbouring samples
     */
    public PointSplatRenderer(float[] xyz, float[] normals, double spacingMm) {
        this(xyz, normals, null, spacingMm);
    }

    /** @param colors rgb 0..1 per sample (not copied), or null */
    public PointSplatRenderer(float[] xyz, float[] normals, float[] colors, double spacingMm) {
        if (normals != null && normals.length != xyz.length || colors != null && colors.length != xyz.length
                || !(spacingMm > 0)) {
            throw new IllegalArgumentException("need one normal and colour per point and a spacing > 0");
        }
        this.xyz = xyz;
        this.normals = normals;
        this.colors = colors;
        this.spacingMm = spacingMm;
    }

    @Override
    public void renderDepth(RigidTransform modelToCamera, CameraIntrinsics camera, int x0, int y0, int w, int h,
            float[] depthOut) {
        splat(modelToCamera, camera, x0, y0, w, h, depthOut, null);
    }

    @Override
    public boolean renderColor(RigidTransform modelToCamera, CameraIntrinsics camera, int x0, int y0, int w, int h,
            float[] depthOut, float[] rgbOut) {
        if (colors == null) {
            return false;
        }
        splat(modelToCamera, camera, x0, y0, w, h, depthOut, rgbOut);
        return true;
    }

    private void splat(RigidTransform modelToCamera, CameraIntrinsics camera, int x0, int y0, int w, int h,
            float[] depthOut, float[] rgbOut) {
        java.util.Arrays.fill(depthOut, 0, w * h, 0f);
        double[] r = modelToCamera.rotation();
        double tx = modelToCamera.t(0), ty = modelToCamera.t(1), tz = modelToCamera.t(2);
        double fx = camera.fx(), fy = camera.fy(), cx = camera.cx(), cy = camera.cy();
        int n = xyz.length / 3;
        for (int i = 0; i < n; i++) {
            double mx = xyz[3 * i], my = xyz[3 * i + 1], mz = xyz[3 * i + 2];
            double z = r[6] * mx + r[7] * my + r[8] * mz + tz;
            if (z < 1) {
                continue;
            }
            double x = r[0] * mx + r[1] * my + r[2] * mz + tx;
            double y = r[3] * mx + r[4] * my + r[5] * mz + ty;
            if (normals != null) {
                double nx = normals[3 * i], ny = normals[3 * i + 1], nz = normals[3 * i + 2];
                double cnx = r[0] * nx + r[1] * ny + r[2] * nz;
                double cny = r[3] * nx + r[4] * ny + r[5] * nz;
                double cnz = r[6] * nx + r[7] * ny + r[8] * nz;
                if (cnx * x + cny * y + cnz * z > 0) {
                    continue; // faces away from the camera
                }
            }
            double u = fx * x / z + cx, v = fy * y / z + cy;
            // cover the pixels whose centres lie within half a (slightly enlarged) sample spacing of the point
            double rx = 0.65 * spacingMm * fx / z, ry = 0.65 * spacingMm * fy / z;
            int ua = (int) Math.ceil(u - rx) - x0, ub = (int) Math.floor(u + rx) - x0;
            int va = (int) Math.ceil(v - ry) - y0, vb = (int) Math.floor(v + ry) - y0;
            if (ua > ub) {
                ua = ub = (int) Math.round(u) - x0;
            }
            if (va > vb) {
                va = vb = (int) Math.round(v) - y0;
            }
            ua = Math.max(0, ua);
            ub = Math.min(w - 1, ub);
            va = Math.max(0, va);
            vb = Math.min(h - 1, vb);
            float zf = (float) z;
            for (int yy = va; yy <= vb; yy++) {
                int row = yy * w;
                for (int xx = ua; xx <= ub; xx++) {
                    float cur = depthOut[row + xx];
                    if (cur == 0 || zf < cur) {
                        depthOut[row + xx] = zf;
                        if (rgbOut != null) {
                            int o = 3 * (row + xx);
                            rgbOut[o] = colors[3 * i];
                            rgbOut[o + 1] = colors[3 * i + 1];
                            rgbOut[o + 2] = colors[3 * i + 2];
                        }
                    }
                }
            }
        }
    }

    public double spacingMm() {
        return spacingMm;
    }
}
