package io.sam6d.vision.render;

import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.geometry.RigidTransform;

/**
 * Renders a model by splatting dense, evenly spread surface samples into a z-buffer: each sample facing the camera
 * covers a footprint about its spacing wide (seen at its depth). No triangles required, so point-set models work
 * too. The one splatting loop of the suite: pose verification draws depth (and colour) through
 * {@link ModelDepthRenderer}; the segmentation engine's pose search draws depth, sample index and normal per pixel
 * through {@link #splat}.
 */
public final class PointSplatRenderer implements ModelDepthRenderer {

    /** Which pixels one sample covers. */
    public enum Footprint {
        /**
         * The pixels whose centres lie within 0.65 x the spacing of the sample (at least the pixel it falls in): the
         * silhouette is neither grown nor shrunk on average, good to a pixel, which is what verification needs.
         */
        CENTRES_WITHIN,
        /**
         * A square of 2 x the spacing, its ends rounded to whole pixels: random samples leave exp(-c^2) of the
         * surface uncovered by squares of side c / sqrt(density), so c = 2 leaves 2 %, which the caller's hole
         * filling closes; the silhouette grows by about a spacing.
         */
        COVERING_SQUARE
    }

    /**
     * Where {@link #splat} writes, per pixel of its window (row-major, {@code w} wide). Arrays may be longer than the
     * window; null ones are not written. The caller clears {@code depth} beforehand, to 0 or to
     * {@link Float#POSITIVE_INFINITY} (both mean "nothing here").
     */
    public static final class Target {
        /** Depth of the nearest sample, mm. */
        public float[] depth;
        /** Index of that sample, or null. */
        public int[] point;
        /** Its unit normal in the camera frame (x, y, z), or null (needs the renderer's normals). */
        public float[] normal;
        /** Its colour, r, g, b 0..1, or null (needs the renderer's colours). */
        public float[] rgb;
        /** Camera-facing samples that project into the image, and outside it (the object cut by its border). */
        public int facingInside;
        public int facingOutside;
    }

    private final float[] xyz;
    private final float[] normals;
    private final float[] colors;
    private final double spacingMm;
    private final Footprint footprint;
    private final double backFaceCos;

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
        this(xyz, normals, colors, spacingMm, Footprint.CENTRES_WITHIN, 0);
    }

    /**
     * @param footprint   which pixels a sample covers
     * @param backFaceCos a sample is skipped when its normal points away from the camera by more than this: the
     *                    cosine between the normal and the viewing ray ({@code 0}: any sample facing away)
     */
    public PointSplatRenderer(float[] xyz, float[] normals, float[] colors, double spacingMm, Footprint footprint,
            double backFaceCos) {
        if (normals != null && normals.length != xyz.length || colors != null && colors.length != xyz.length
                || !(spacingMm > 0)) {
            throw new IllegalArgumentException("need one normal and colour per point and a spacing > 0");
        }
        this.xyz = xyz;
        this.normals = normals;
        this.colors = colors;
        this.spacingMm = spacingMm;
        this.footprint = footprint;
        this.backFaceCos = backFaceCos;
    }

    @Override
    public void renderDepth(RigidTransform modelToCamera, CameraIntrinsics camera, int x0, int y0, int w, int h,
            float[] depthOut) {
        render(modelToCamera, camera, x0, y0, w, h, depthOut, null);
    }

    @Override
    public boolean renderColor(RigidTransform modelToCamera, CameraIntrinsics camera, int x0, int y0, int w, int h,
            float[] depthOut, float[] rgbOut) {
        if (colors == null) {
            return false;
        }
        render(modelToCamera, camera, x0, y0, w, h, depthOut, rgbOut);
        return true;
    }

    private void render(RigidTransform modelToCamera, CameraIntrinsics camera, int x0, int y0, int w, int h,
            float[] depthOut, float[] rgbOut) {
        java.util.Arrays.fill(depthOut, 0, w * h, 0f);
        Target target = new Target();
        target.depth = depthOut;
        target.rgb = rgbOut;
        splat(modelToCamera.rotation(), modelToCamera.translation(), camera.fx(), camera.fy(), camera.cx(),
                camera.cy(), 0, 0, x0, y0, w, h, target);
    }

    /**
     * Splats every sample at the pose into a window of the image.
     *
     * @param r                  model-to-camera rotation, row-major
     * @param t                  translation, mm
     * @param imageW             image size for {@link Target#facingInside} and {@link Target#facingOutside}
     *                           (0: not counted)
     * @param x0                 the window's top-left pixel in the image
     */
    public void splat(double[] r, double[] t, double fx, double fy, double cx, double cy, int imageW, int imageH,
            int x0, int y0, int w, int h, Target out) {
        float[] depth = out.depth;
        int[] point = out.point;
        float[] normal = out.normal;
        float[] rgb = out.rgb;
        boolean square = footprint == Footprint.COVERING_SQUARE;
        double squareMm = 2.0 * spacingMm;
        int n = xyz.length / 3;
        for (int i = 0; i < n; i++) {
            double mx = xyz[3 * i], my = xyz[3 * i + 1], mz = xyz[3 * i + 2];
            double z = r[6] * mx + r[7] * my + r[8] * mz + t[2];
            if (z <= 1) {
                continue;
            }
            double x = r[0] * mx + r[1] * my + r[2] * mz + t[0];
            double y = r[3] * mx + r[4] * my + r[5] * mz + t[1];
            double qx = 0, qy = 0, qz = 0;
            if (normals != null) {
                double nx = normals[3 * i], ny = normals[3 * i + 1], nz = normals[3 * i + 2];
                qx = r[0] * nx + r[1] * ny + r[2] * nz;
                qy = r[3] * nx + r[4] * ny + r[5] * nz;
                qz = r[6] * nx + r[7] * ny + r[8] * nz;
                double facing = qx * x + qy * y + qz * z;
                if (backFaceCos == 0 ? facing > 0 : facing > backFaceCos * Math.sqrt(x * x + y * y + z * z)) {
                    continue; // faces away from the camera
                }
            }
            double u = fx * x / z + cx, v = fy * y / z + cy;
            if (imageW > 0) {
                if (u < -0.5 || v < -0.5 || u > imageW - 0.5 || v > imageH - 0.5) {
                    out.facingOutside++;
                } else {
                    out.facingInside++;
                }
            }
            int ua, ub, va, vb;
            if (square) {
                double wu = u - x0, wv = v - y0;
                double half = 0.5 * squareMm * fx / z;
                ua = (int) Math.round(wu - half);
                ub = (int) Math.round(wu + half);
                va = (int) Math.round(wv - half);
                vb = (int) Math.round(wv + half);
                if (ub < 0 || vb < 0 || ua >= w || va >= h) {
                    continue;
                }
            } else {
                // the pixels whose centres lie within half a (slightly enlarged) sample spacing of the point
                double rx = 0.65 * spacingMm * fx / z, ry = 0.65 * spacingMm * fy / z;
                ua = (int) Math.ceil(u - rx) - x0;
                ub = (int) Math.floor(u + rx) - x0;
                va = (int) Math.ceil(v - ry) - y0;
                vb = (int) Math.floor(v + ry) - y0;
                if (ua > ub) {
                    ua = ub = (int) Math.round(u) - x0;
                }
                if (va > vb) {
                    va = vb = (int) Math.round(v) - y0;
                }
            }
            ua = Math.max(0, ua);
            ub = Math.min(w - 1, ub);
            va = Math.max(0, va);
            vb = Math.min(h - 1, vb);
            float zf = (float) z;
            for (int yy = va; yy <= vb; yy++) {
                int row = yy * w;
                for (int xx = ua; xx <= ub; xx++) {
                    int k = row + xx;
                    float cur = depth[k];
                    if (cur == 0 || zf < cur) {
                        depth[k] = zf;
                        if (point != null) {
                            point[k] = i;
                        }
                        if (normal != null) {
                            normal[3 * k] = (float) qx;
                            normal[3 * k + 1] = (float) qy;
                            normal[3 * k + 2] = (float) qz;
                        }
                        if (rgb != null) {
                            rgb[3 * k] = colors[3 * i];
                            rgb[3 * k + 1] = colors[3 * i + 1];
                            rgb[3 * k + 2] = colors[3 * i + 2];
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
