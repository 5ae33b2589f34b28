package io.sam6d.vision.segmentation;

import java.util.ArrayList;
import java.util.List;

import io.sam6d.vision.image.RgbdFrame;

/**
 * What the weight-free engine computes once per frame and shares between objects: the back-projected points,
 * surface normals ({@link SceneNormals}), the support plane ({@link SupportPlanes}), concave folds
 * ({@link Creases}) and the class-agnostic proposals, connected surfaces ({@link SceneSegments}). Camera frame, mm.
 * Read-only after construction, so scoring threads may share it.
 */
final class DepthScene {

    /** Pixel kinds. */
    static final byte INVALID = 0;
    static final byte FREE = 1;
    static final byte PLANE = 2;
    static final byte BEYOND = 3;

    final int width;
    final int height;
    final double fx;
    final double fy;
    final double cx;
    final double cy;
    /** Camera-frame coordinates per pixel, mm; z = 0 where depth is unknown. */
    final float[] x;
    final float[] y;
    final float[] z;
    /** Unit normals per pixel pointing towards the camera; (0, 0, 0) where unknown. */
    final float[] nx;
    final float[] ny;
    final float[] nz;
    /**
     * z, nx, ny, nz of each pixel side by side (4 per pixel): the template search reads all four of thousands of
     * scattered pixels per pose, one cache line each instead of four.
     */
    final float[] zn;
    /** {@link #INVALID}, {@link #FREE}, {@link #PLANE} or {@link #BEYOND} per pixel. */
    final byte[] kind;
    /** Pixels where a concave fold between two surfaces runs. */
    final boolean[] crease;
    /** Planes taken out, {@code {a, b, c, d}} with {@code a x + b y + c z + d} the signed distance (mm), camera side positive. */
    final List<double[]> planes;
    /** Proposals: coarse surfaces first, then the finer pieces split at concave folds (deduplicated). */
    final List<Segment> segments;
    /** Segment id per pixel of the coarse level, -1 for none. */
    final int[] coarseLabel;
    /** The colour image, interleaved r, g, b bytes (shared with the frame). */
    final byte[] rgb;

    final ConfigWeightFreeSegmentation config;

    /**
     * @param widestFaceMm the widest flat face any object asked for can have ({@link WeightFreeModel#widestFace}); a
     *                     support plane must spread wider
     */
    DepthScene(RgbdFrame frame, ConfigWeightFreeSegmentation config, double widestFaceMm) {
        this.config = config;
        width = frame.width();
        height = frame.height();
        fx = frame.camera().fx();
        fy = frame.camera().fy();
        cx = frame.camera().cx();
        cy = frame.camera().cy();
        int n = width * height;
        float[] depth = frame.depth().mm();
        x = new float[n];
        y = new float[n];
        z = new float[n];
        for (int v = 0, i = 0; v < height; v++) {
            for (int u = 0; u < width; u++, i++) {
                float d = depth[i];
                if (d > 0 && Float.isFinite(d)) {
                    z[i] = d;
                    x[i] = (float) ((u - cx) * d / fx);
                    y[i] = (float) ((v - cy) * d / fy);
                }
            }
        }
        nx = new float[n];
        ny = new float[n];
        nz = new float[n];
        SceneNormals.compute(this);
        zn = new float[4 * n];
        for (int i = 0; i < n; i++) {
            zn[4 * i] = z[i];
            zn[4 * i + 1] = nx[i];
            zn[4 * i + 2] = ny[i];
            zn[4 * i + 3] = nz[i];
        }
        kind = new byte[n];
        for (int i = 0; i < n; i++) {
            kind[i] = z[i] > 0 ? FREE : INVALID;
        }
        planes = SupportPlanes.remove(this, widestFaceMm);
        crease = new boolean[n];
        Creases.mark(this);
        coarseLabel = new int[n];
        segments = new ArrayList<>();
        SceneSegments.build(this);
        rgb = frame.rgb().rgb();
    }

    /**
     * Every surface point with a normal that is not the support plane or beyond it (camera frame, mm): what an
     * object can be made of.
     */
    io.sam6d.vision.pose.SceneCloud surfaceCloud() {
        int n = 0;
        for (int i = 0; i < kind.length; i++) {
            if (kind[i] == FREE && (nx[i] != 0 || ny[i] != 0 || nz[i] != 0)) {
                n++;
            }
        }
        float[] xyz = new float[3 * n], nrm = new float[3 * n];
        int[] pix = new int[n];
        for (int i = 0, k = 0; i < kind.length; i++) {
            if (kind[i] == FREE && (nx[i] != 0 || ny[i] != 0 || nz[i] != 0)) {
                xyz[3 * k] = x[i];
                xyz[3 * k + 1] = y[i];
                xyz[3 * k + 2] = z[i];
                nrm[3 * k] = nx[i];
                nrm[3 * k + 1] = ny[i];
                nrm[3 * k + 2] = nz[i];
                pix[k++] = i;
            }
        }
        return new io.sam6d.vision.pose.SceneCloud(xyz, nrm, pix, width);
    }

    /** Depth tolerance between neighbouring pixels, mm. */
    double jumpMm(double depthMm) {
        return Math.max(config.jumpMinMm, config.jumpRelative * depthMm);
    }

    double planeTolMm(double depthMm) {
        return Math.max(config.planeDistanceMinMm, config.planeDistanceRelative * depthMm);
    }

    /** Normal support half-width in pixels at this depth. */
    int normalRadiusPx(double depthMm) {
        int r = (int) Math.round(0.5 * config.normalSupportMm * fx / depthMm);
        return Math.max(1, Math.min(12, r));
    }

    double dist(double[] plane, int i) {
        return plane[0] * x[i] + plane[1] * y[i] + plane[2] * z[i] + plane[3];
    }

    /** True when pixels i and j (4-neighbours) lie on one continuous surface. */
    boolean continuous(int i, int j) {
        return Math.abs(z[i] - z[j]) <= jumpMm(Math.min(z[i], z[j]));
    }
}
