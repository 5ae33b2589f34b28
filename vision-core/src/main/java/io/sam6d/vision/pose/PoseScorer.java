package io.sam6d.vision.pose;

import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.image.RgbImage;
import io.sam6d.vision.render.ModelDepthRenderer;

/**
 * Verification of a pose against the observation (visible-surface discrepancy in the spirit of BOP's VSD): the
 * model is rendered at the pose and each rendered pixel compared with the observed depth. Pixels within the depth
 * tolerance support the pose; pixels where the model lies in front of the observed surface contradict it (the
 * camera sees through where the model should be); pixels where it lies behind are occlusion outside the mask and a
 * contradiction inside it. With a mask, the share of the mask explained by the model (coverage) and the silhouette
 * IoU are measured too. Without a mask, the share of the silhouette that stands out from what lies behind it keeps
 * poses sunk into a table or wall from scoring high.
 *
 * <p>Call {@link #setObservation} once per frame and detection, then {@link #score} for each pose. Holds scratch
 * buffers: one instance per thread.
 */
public final class PoseScorer {

    private final ConfigPoseScore config;
    private DepthImage depth;
    private CameraIntrinsics camera;
    private boolean[] mask;
    private int maskArea;
    private int maskDepthPx;
    private float[] rendered = new float[0];
    private float[] renderedRgb = new float[0];
    private RgbImage rgb;

    public PoseScorer(ConfigPoseScore config) {
        config.checkValidity();
        this.config = new ConfigPoseScore().setTo(config);
    }

    public PoseScorer() {
        this(new ConfigPoseScore());
    }

    /**
     * @param depth  observed depth, mm, 0 = none
     * @param camera intrinsics of the depth image
     * @param mask   the object's visible pixels (frame-sized), or null to verify against depth alone
     */
    public PoseScorer setObservation(DepthImage depth, CameraIntrinsics camera, Mask mask) {
        return setObservation(depth, camera, mask, null);
    }

    /**
     * @param rgb the colour image registered to the depth, or null; with it, models that have colours also get a
     *            {@link PoseScore#colorAgreement()}
     */
    public PoseScorer setObservation(DepthImage depth, CameraIntrinsics camera, Mask mask, RgbImage rgb) {
        if (rgb != null && (rgb.width() != depth.width() || rgb.height() != depth.height())) {
            throw new IllegalArgumentException("colour image must have the depth image's size");
        }
        this.rgb = rgb;
        if (mask != null && (mask.width() != depth.width() || mask.height() != depth.height())) {
            throw new IllegalArgumentException("mask must have the depth image's size");
        }
        this.depth = depth;
        this.camera = camera;
        this.mask = mask != null ? mask.bits() : null;
        maskArea = 0;
        maskDepthPx = 0;
        if (this.mask != null) {
            float[] mm = depth.mm();
            for (int i = 0; i < this.mask.length; i++) {
                if (this.mask[i]) {
                    maskArea++;
                    if (mm[i] > 0) {
                        maskDepthPx++;
                    }
                }
            }
        }
        return this;
    }

    /** Scores {@code modelToCamera} (t in mm) of {@code model} against the observation set last. */
    public PoseScore score(PpfModel model, RigidTransform modelToCamera) {
        return score(model.renderer(), model.bounds(), model.diameterMm(), modelToCamera);
    }

    /**
     * Scores a pose with any renderer.
     *
     * @param boundsMm   the model's axis-aligned bounds {@code {minX, minY, minZ, maxX, maxY, maxZ}}, mm
     * @param diameterMm the object's diameter (sets the depth tolerance)
     */
    public PoseScore score(ModelDepthRenderer renderer, double[] boundsMm, double diameterMm,
            RigidTransform modelToCamera) {
        if (depth == null) {
            throw new IllegalStateException("setObservation first");
        }
        int w = depth.width(), h = depth.height();
        int[] win = projectedWindow(boundsMm, modelToCamera, camera, w, h);
        if (win == null) {
            return PoseScore.none();
        }
        int x0 = win[0], y0 = win[1], ww = win[2], wh = win[3];
        if (rendered.length < ww * wh) {
            rendered = new float[ww * wh];
        }
        boolean colored = false;
        if (rgb != null) {
            if (renderedRgb.length < 3 * ww * wh) {
                renderedRgb = new float[3 * ww * wh];
            }
            colored = renderer.renderColor(modelToCamera, camera, x0, y0, ww, wh, rendered, renderedRgb);
        }
        if (!colored) {
            renderer.renderDepth(modelToCamera, camera, x0, y0, ww, wh, rendered);
        }
        double cosSum = 0;
        int colorPx = 0;
        byte[] img = colored ? rgb.rgb() : null;
        double tol = Math.max(config.depthToleranceMm, config.depthToleranceRel * diameterMm);
        float[] mm = depth.mm();
        int renderedPx = 0, inliers = 0, front = 0, behind = 0, behindInMask = 0, visible = 0, visibleInMask = 0;
        double inlierWeight = 0, maskInlierWeight = 0;
        for (int y = 0; y < wh; y++) {
            int rowImg = (y + y0) * w + x0;
            int rowWin = y * ww;
            for (int x = 0; x < ww; x++) {
                float rd = rendered[rowWin + x];
                if (rd == 0) {
                    continue;
                }
                renderedPx++;
                int i = rowImg + x;
                boolean inMask = mask != null && mask[i];
                float od = mm[i];
                boolean seen = true;
                if (od > 0) {
                    double e = rd - od;
                    if (e <= tol && e >= -tol) {
                        double wt = 1 - (e / tol) * (e / tol);
                        inliers++;
                        inlierWeight += wt;
                        if (colored) {
                            int o = 3 * (rowWin + x);
                            double mr = renderedRgb[o], mg = renderedRgb[o + 1], mb = renderedRgb[o + 2];
                            double cr = (img[3 * i] & 0xFF) / 255.0, cg = (img[3 * i + 1] & 0xFF) / 255.0,
                                    cb = (img[3 * i + 2] & 0xFF) / 255.0;
                            double nm = mr * mr + mg * mg + mb * mb, nc = cr * cr + cg * cg + cb * cb;
                            if (nm > 0.0025 && nc > 0.0025) {
                                // same hue and saturation, whatever the brightness
                                cosSum += (mr * cr + mg * cg + mb * cb) / Math.sqrt(nm * nc);
                                colorPx++;
                            }
                        }
                        if (inMask) {
                            maskInlierWeight += wt;
                        }
                    } else if (e < 0) {
                        front++;
                    } else {
                        behind++;
                        if (inMask) {
                            behindInMask++;
                        } else {
                            seen = false;
                        }
                    }
                }
                if (seen) {
                    visible++;
                    if (inMask) {
                        visibleInMask++;
                    }
                }
            }
        }
        if (renderedPx == 0) {
            return PoseScore.none();
        }
        double edge = edgeSupport(x0, y0, ww, wh, tol);
        double color = colored && colorPx >= 20 ? cosSum / colorPx : Double.NaN;
        if (mask == null) {
            double denom = inliers + front + config.occlusionPenaltyWithoutMask * behind;
            double fit = denom > 0 ? inlierWeight / denom : 0;
            return new PoseScore(fit * (0.5 + 0.5 * edge), fit, Double.NaN, Double.NaN, renderedPx, inliers, front,
                    behind, edge, color);
        }
        double denom = inliers + front + behindInMask;
        double fit = denom > 0 ? inlierWeight / denom : 0;
        double coverage = maskDepthPx > 0 ? maskInlierWeight / maskDepthPx : 0;
        int union = visible + maskArea - visibleInMask;
        double iou = union > 0 ? visibleInMask / (double) union : 0;
        return new PoseScore(Math.sqrt(fit * coverage), fit, coverage, iou, renderedPx, inliers, front, behind, edge,
                color);
    }

    /**
     * Of the rendered silhouette pixels that are not occluded, the share whose outside (3 pixels further out) shows
     * a surface farther away or no depth: a real object stands out from what is behind it, a pose sunk into a
     * table or wall does not.
     */
    private double edgeSupport(int x0, int y0, int ww, int wh, double tol) {
        int w = depth.width(), h = depth.height();
        float[] mm = depth.mm();
        int edgePx = 0, supported = 0;
        int[] dxs = {-1, 1, 0, 0}, dys = {0, 0, -1, 1};
        for (int y = 0; y < wh; y++) {
            for (int x = 0; x < ww; x++) {
                float rd = rendered[y * ww + x];
                if (rd == 0) {
                    continue;
                }
                // a silhouette pixel: empty on one side for 3 pixels (not just a hole between splats)
                int dir = -1;
                for (int k = 0; k < 4 && dir < 0; k++) {
                    boolean empty = true;
                    for (int step = 1; step <= 3 && empty; step++) {
                        int nx = x + step * dxs[k], ny = y + step * dys[k];
                        empty = nx < 0 || ny < 0 || nx >= ww || ny >= wh || rendered[ny * ww + nx] == 0;
                    }
                    if (empty) {
                        dir = k;
                    }
                }
                if (dir < 0) {
                    continue;
                }
                int ix = x + x0, iy = y + y0;
                float od = mm[iy * w + ix];
                if (od > 0 && rd - od > tol) {
                    continue; // occluded here: this piece of silhouette is not seen
                }
                edgePx++;
                int ox = Math.max(0, Math.min(w - 1, ix + 3 * dxs[dir]));
                int oy = Math.max(0, Math.min(h - 1, iy + 3 * dys[dir]));
                float out = mm[oy * w + ox];
                if (out == 0 || out > rd + tol) {
                    supported++;
                }
            }
        }
        return edgePx > 0 ? supported / (double) edgePx : 0;
    }

    /**
     * Image window {@code [x, y, w, h]} holding the projected bounding box (clamped to the image), or null when it
     * is not in view.
     */
    static int[] projectedWindow(double[] b, RigidTransform pose, CameraIntrinsics cam, int w, int h) {
        double[] p = new double[3];
        double u0 = Double.MAX_VALUE, v0 = Double.MAX_VALUE, u1 = -Double.MAX_VALUE, v1 = -Double.MAX_VALUE;
        boolean behindCamera = false;
        int inFront = 0;
        for (int k = 0; k < 8; k++) {
            pose.apply((k & 1) == 0 ? b[0] : b[3], (k & 2) == 0 ? b[1] : b[4], (k & 4) == 0 ? b[2] : b[5], p, 0);
            if (p[2] < 1) {
                behindCamera = true;
                continue;
            }
            inFront++;
            double u = cam.fx() * p[0] / p[2] + cam.cx(), v = cam.fy() * p[1] / p[2] + cam.cy();
            u0 = Math.min(u0, u);
            u1 = Math.max(u1, u);
            v0 = Math.min(v0, v);
            v1 = Math.max(v1, v);
        }
        if (inFront == 0) {
            return null;
        }
        if (behindCamera) {
            // the box straddles the camera plane: its projection is unbounded
            return new int[] {0, 0, w, h};
        }
        int x0 = (int) Math.max(0, Math.floor(u0) - 2), y0 = (int) Math.max(0, Math.floor(v0) - 2);
        int x1 = (int) Math.min(w, Math.ceil(u1) + 3), y1 = (int) Math.min(h, Math.ceil(v1) + 3);
        if (x1 <= x0 || y1 <= y0) {
            return null;
        }
        return new int[] {x0, y0, x1 - x0, y1 - y0};
    }
}
