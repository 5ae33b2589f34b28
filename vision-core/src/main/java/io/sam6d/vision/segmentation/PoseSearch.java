package io.sam6d.vision.segmentation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Template search for one object on one proposal: every template view at every in-plane angle is placed so that
 * its visible centroid falls on an anchor point of the proposal, and scored by how its surface points agree with
 * the scene's depth and normals (LINE-MOD's depth modality, with free-space violations counted against it). The
 * best poses are then refined by a pattern search on the same score with more points. Not thread-safe (scratch
 * buffers): one per thread.
 */
final class PoseSearch {

    /** A rough pose: model to camera, t in mm. */
    static final class Hypothesis {
        final double[] r;
        final double[] t;
        final int view;
        double score;

        Hypothesis(double[] r, double[] t, int view, double score) {
            this.r = r;
            this.t = t;
            this.view = view;
            this.score = score;
        }
    }

    private final DepthScene scene;
    private final WeightFreeModel model;
    private final ConfigWeightFreeSegmentation config;
    /** In-plane rotations composed with each view's rotation (from the model). */
    private final double[][] viewRotations;
    private double[] dzScratch = new double[0];
    /** The template points of the pose being scored, turned by its rotation (before its translation), 3 per point. */
    private double[] turned = new double[0];

    PoseSearch(DepthScene scene, WeightFreeModel model, ConfigWeightFreeSegmentation config) {
        this.scene = scene;
        this.model = model;
        this.config = config;
        this.viewRotations = model.viewRotations;
    }

    double tolMm(double depthMm) {
        return Math.max(config.fitMinMm, config.fitRelative * depthMm);
    }

    /**
     * The best distinct rough poses that put the model's visible centroid at one of the anchors (mm, camera frame).
     */
    List<Hypothesis> coarse(double[][] anchors, int keep) {
        int a = model.inPlaneSteps;
        int k = Math.min(config.featuresPerView, WeightFreeModel.REFINE_FEATURES);
        // a cascade: every pose is scored on the first few (farthest-point spread) template points, the best
        // few hundred again on all of them
        int k0 = Math.max(8, k / 4);
        int cap0 = Math.max(4 * keep, 150);
        double coarseTol = Math.max(2 * config.fitMinMm, 0.08 * model.diameterMm);
        double[] r = new double[9];
        double[] t = new double[3];
        double[] firstScore = new double[cap0];
        double[][] firstR = new double[cap0][9];
        double[][] firstT = new double[cap0][3];
        int[] firstView = new int[cap0];
        int filled = 0;
        int worst = 0;
        for (double[] anchor : anchors) {
            double[] ray = rayRotation(anchor);
            for (int v = 0; v < model.views.length; v++) {
                WeightFreeModel.View view = model.views[v];
                double[] c = view.visibleCentroid();
                for (int j = 0; j < a; j++) {
                    mulInto(ray, viewRotations[v * a + j], r);
                    t[0] = anchor[0] - (r[0] * c[0] + r[1] * c[1] + r[2] * c[2]);
                    t[1] = anchor[1] - (r[3] * c[0] + r[4] * c[1] + r[5] * c[2]);
                    t[2] = anchor[2] - (r[6] * c[0] + r[7] * c[1] + r[8] * c[2]);
                    double sc = coarseScore(r, t, anchor, view, k0, coarseTol,
                            filled < cap0 ? Double.NEGATIVE_INFINITY : firstScore[worst]);
                    if (filled < cap0) {
                        store(filled, sc, r, t, v, firstScore, firstR, firstT, firstView);
                        filled++;
                        if (filled == cap0) {
                            worst = argMin(firstScore, cap0);
                        }
                    } else if (sc > firstScore[worst]) {
                        store(worst, sc, r, t, v, firstScore, firstR, firstT, firstView);
                        worst = argMin(firstScore, cap0);
                    }
                }
            }
        }
        List<Hypothesis> best = new ArrayList<>(filled);
        for (int q = 0; q < filled; q++) {
            if (firstScore[q] <= 0.05) {
                continue;
            }
            WeightFreeModel.View view = model.views[firstView[q]];
            double sc = score(firstR[q], firstT[q], view, k, coarseTol);
            if (sc > 0.05) {
                best.add(new Hypothesis(firstR[q].clone(), firstT[q].clone(), firstView[q], sc));
            }
        }
        return distinct(best, keep);
    }

    /**
     * The coarse score of one pose. The visible centroid of a partly seen object sits off the anchor mostly in depth:
     * the pose slides along the anchor's ray ({@code t} is moved) by the median of (scene depth - model depth) over
     * the points that disagree by less than three times {@code tolMm} (not at all when fewer than a quarter do), then
     * is scored as {@link #score} does with a tolerance as coarse as the sampling of the poses. Each template point is
     * turned once for both; the scoring stops, returning {@code -Infinity}, once the pose could not beat
     * {@code toBeat} (the weakest pose kept) even if every remaining point agreed: most of the thousands of poses
     * tried per anchor are far off.
     */
    private double coarseScore(double[] r, double[] t, double[] anchor, WeightFreeModel.View view, int count,
            double tolMm, double toBeat) {
        float[] f = view.features();
        float[] fn = view.featureNormals();
        float[] zn = scene.zn;
        if (turned.length < 3 * count) {
            turned = new double[3 * count];
        }
        if (dzScratch.length < count) {
            dzScratch = new double[count];
        }
        double[] q = turned;
        double[] dz = dzScratch;
        int n = 0;
        for (int k = 0; k < count; k++) {
            double mx = f[3 * k], my = f[3 * k + 1], mz = f[3 * k + 2];
            q[3 * k] = r[0] * mx + r[1] * my + r[2] * mz;
            q[3 * k + 1] = r[3] * mx + r[4] * my + r[5] * mz;
            q[3 * k + 2] = r[6] * mx + r[7] * my + r[8] * mz;
            double pz = q[3 * k + 2] + t[2];
            int i = pz <= 1 ? -1 : pixelOf(q[3 * k] + t[0], q[3 * k + 1] + t[1], pz);
            if (i < 0) {
                continue;
            }
            float zs = zn[4 * i];
            if (zs > 0 && Math.abs(zs - pz) < 3 * tolMm) {
                dz[n++] = zs - pz;
            }
        }
        double shift = 0;
        if (n >= count / 4) {
            java.util.Arrays.sort(dz, 0, n);
            shift = dz[n / 2];
        }
        t[0] += shift * anchor[0] / anchor[2];
        t[1] += shift * anchor[1] / anchor[2];
        t[2] += shift;
        // a point adds at most 1 (a unit normal's dot product may round a hair above 1)
        double bound = toBeat * count;
        double sum = 0;
        for (int k = 0; k < count; k++) {
            if (sum + (count - k) * 1.000001 <= bound) {
                return Double.NEGATIVE_INFINITY;
            }
            double pz = q[3 * k + 2] + t[2];
            int i = pz <= 1 ? -1 : pixelOf(q[3 * k] + t[0], q[3 * k + 1] + t[1], pz);
            if (i < 0) {
                continue;
            }
            sum += agreement(i, pz, tolMm, r, fn, k);
        }
        return sum / count;
    }

    /**
     * One template point's agreement with the scene pixel {@code i} it projects to at depth {@code pz}: up to 1 when
     * the depths match within {@code tolMm} (less for a distant match or a disagreeing normal; {@code fn} and
     * {@code k}: the point's normal, turned by {@code r}), -1 when the scene lies behind the model (seen-through
     * space), 0 when it lies in front (occlusion) or is unknown.
     */
    private double agreement(int i, double pz, double tolMm, double[] r, float[] fn, int k) {
        float[] zn = scene.zn;
        float zs = zn[4 * i];
        if (zs <= 0) {
            return 0;
        }
        double d = zs - pz;
        if (d > tolMm) {
            return -1;
        }
        if (d < -tolMm) {
            return 0;
        }
        double e = d / tolMm;
        double c = 1 - 0.5 * e * e;
        float snx = zn[4 * i + 1], sny = zn[4 * i + 2], snz = zn[4 * i + 3];
        if (snx != 0 || sny != 0 || snz != 0) {
            double nxm = r[0] * fn[3 * k] + r[1] * fn[3 * k + 1] + r[2] * fn[3 * k + 2];
            double nym = r[3] * fn[3 * k] + r[4] * fn[3 * k + 1] + r[5] * fn[3 * k + 2];
            double nzm = r[6] * fn[3 * k] + r[7] * fn[3 * k + 1] + r[8] * fn[3 * k + 2];
            double dot = snx * nxm + sny * nym + snz * nzm;
            c *= 0.25 + 0.75 * Math.max(0, dot);
        }
        return c;
    }

    private static void store(int slot, double sc, double[] r, double[] t, int v, double[] scores, double[][] rs,
            double[][] ts, int[] views) {
        scores[slot] = sc;
        System.arraycopy(r, 0, rs[slot], 0, 9);
        System.arraycopy(t, 0, ts[slot], 0, 3);
        views[slot] = v;
    }

    private static int argMin(double[] v, int n) {
        int m = 0;
        for (int i = 1; i < n; i++) {
            if (v[i] < v[m]) {
                m = i;
            }
        }
        return m;
    }

    /** Drops hypotheses close to a better one (rotation within 20 degrees and centre within a tenth of the size). */
    List<Hypothesis> distinct(List<Hypothesis> sorted, int keep) {
        List<Hypothesis> out = new ArrayList<>();
        sorted = new ArrayList<>(sorted);
        sorted.sort(Comparator.comparingDouble((Hypothesis h) -> -h.score));
        double cosMin = Math.cos(Math.toRadians(20));
        for (Hypothesis h : sorted) {
            boolean dup = false;
            for (Hypothesis o : out) {
                if (rotationCos(h.r, o.r) > cosMin && centreDistance(h, o) < 0.1 * model.diameterMm) {
                    dup = true;
                    break;
                }
            }
            if (!dup) {
                out.add(h);
                if (out.size() == keep) {
                    break;
                }
            }
        }
        return out;
    }

    /**
     * The template whose viewing direction is closest to the direction from which the camera sees the model at
     * this pose (model frame).
     */
    int nearestView(double[] r, double[] t) {
        double[] c = model.center;
        double ox = r[0] * c[0] + r[1] * c[1] + r[2] * c[2] + t[0];
        double oy = r[3] * c[0] + r[4] * c[1] + r[5] * c[2] + t[1];
        double oz = r[6] * c[0] + r[7] * c[1] + r[8] * c[2] + t[2];
        // direction object -> camera in the camera frame is -o; in the model frame R^T (-o)
        double dx = -(r[0] * ox + r[3] * oy + r[6] * oz);
        double dy = -(r[1] * ox + r[4] * oy + r[7] * oz);
        double dz = -(r[2] * ox + r[5] * oy + r[8] * oz);
        int best = 0;
        double bestDot = -2;
        for (WeightFreeModel.View v : model.views) {
            double[] rv = v.rotation();
            // the view camera looks along +z, i.e. from direction -(row 2 of Rv)
            double dot = -(rv[6] * dx + rv[7] * dy + rv[8] * dz);
            if (dot > bestDot) {
                bestDot = dot;
                best = v.id();
            }
        }
        return best;
    }

    /** Pattern search on the score over small rotations about the object's centre and translations. */
    Hypothesis refine(Hypothesis h) {
        WeightFreeModel.View view = model.views[h.view];
        int k = view.featureCount();
        double[] r = h.r.clone();
        double[] t = h.t.clone();
        double best = score(r, t, view, k);
        double rotStep = Math.toRadians(6);
        double transStep = Math.max(2, 0.04 * model.diameterMm);
        double[] rr = new double[9];
        double[] tt = new double[3];
        double[] bestR = new double[9];
        double[] bestT = new double[3];
        for (int scale = 0; scale < 4; scale++) {
            for (int iter = 0; iter < 10; iter++) {
                double cand = best;
                boolean moved = false;
                for (int move = 0; move < 12; move++) {
                    int axis = move % 3;
                    double sign = (move / 3) % 2 == 0 ? 1 : -1;
                    if (move < 6) {
                        rotateAboutCentre(r, t, axis, sign * rotStep, rr, tt);
                    } else {
                        System.arraycopy(r, 0, rr, 0, 9);
                        System.arraycopy(t, 0, tt, 0, 3);
                        tt[axis] += sign * transStep;
                    }
                    double sc = score(rr, tt, view, k);
                    if (sc > cand + 1e-9) {
                        cand = sc;
                        System.arraycopy(rr, 0, bestR, 0, 9);
                        System.arraycopy(tt, 0, bestT, 0, 3);
                        moved = true;
                    }
                }
                if (!moved) {
                    break;
                }
                best = cand;
                System.arraycopy(bestR, 0, r, 0, 9);
                System.arraycopy(bestT, 0, t, 0, 3);
            }
            rotStep *= 0.5;
            transStep *= 0.5;
        }
        return new Hypothesis(orthonormalize(r), t, h.view, best);
    }

    private void rotateAboutCentre(double[] r, double[] t, int axis, double ang, double[] rOut, double[] tOut) {
        double c = Math.cos(ang), s = Math.sin(ang);
        double[] d = switch (axis) {
            case 0 -> new double[] {1, 0, 0, 0, c, -s, 0, s, c};
            case 1 -> new double[] {c, 0, s, 0, 1, 0, -s, 0, c};
            default -> new double[] {c, -s, 0, s, c, 0, 0, 0, 1};
        };
        double[] m = model.center;
        double ox = r[0] * m[0] + r[1] * m[1] + r[2] * m[2] + t[0];
        double oy = r[3] * m[0] + r[4] * m[1] + r[5] * m[2] + t[1];
        double oz = r[6] * m[0] + r[7] * m[1] + r[8] * m[2] + t[2];
        mulInto(d, r, rOut);
        double px = t[0] - ox, py = t[1] - oy, pz = t[2] - oz;
        tOut[0] = d[0] * px + d[1] * py + d[2] * pz + ox;
        tOut[1] = d[3] * px + d[4] * py + d[5] * pz + oy;
        tOut[2] = d[6] * px + d[7] * py + d[8] * pz + oz;
    }

    /** Mean {@link #agreement} of the first {@code count} template points with the scene. */
    double score(double[] r, double[] t, WeightFreeModel.View view, int count) {
        return score(r, t, view, count, 0);
    }

    /** As {@link #score(double[], double[], WeightFreeModel.View, int)} with a fixed tolerance (mm) when &gt; 0. */
    double score(double[] r, double[] t, WeightFreeModel.View view, int count, double fixedTolMm) {
        float[] f = view.features();
        float[] fn = view.featureNormals();
        double sum = 0;
        for (int k = 0; k < count; k++) {
            double pz = cameraZ(r, t, f, k);
            int i = pz <= 1 ? -1 : pixelOf(r, t, f, k, pz);
            if (i < 0) {
                continue;
            }
            double tol = fixedTolMm > 0 ? fixedTolMm : Math.max(config.fitMinMm, config.fitRelative * pz);
            sum += agreement(i, pz, tol, r, fn, k);
        }
        return sum / count;
    }

    /** Camera-frame depth (mm) of feature {@code k} of {@code f} posed by (r, t). */
    private static double cameraZ(double[] r, double[] t, float[] f, int k) {
        return r[6] * f[3 * k] + r[7] * f[3 * k + 1] + r[8] * f[3 * k + 2] + t[2];
    }

    /** The scene pixel (row-major index) feature {@code k} projects to at depth {@code pz}, or -1 outside the image. */
    private int pixelOf(double[] r, double[] t, float[] f, int k, double pz) {
        double mx = f[3 * k], my = f[3 * k + 1], mz = f[3 * k + 2];
        return pixelOf(r[0] * mx + r[1] * my + r[2] * mz + t[0], r[3] * mx + r[4] * my + r[5] * mz + t[1], pz);
    }

    /** The scene pixel (row-major index) of the camera-frame point (px, py, pz), mm, or -1 outside the image. */
    private int pixelOf(double px, double py, double pz) {
        DepthScene s = scene;
        int u = (int) (s.fx * px / pz + s.cx + 0.5);
        int v = (int) (s.fy * py / pz + s.cy + 0.5);
        return u < 0 || v < 0 || u >= s.width || v >= s.height ? -1 : v * s.width + u;
    }

    // ---- small rotation helpers ----

    /** The rotation that turns the optical axis (0, 0, 1) onto the ray through {@code p}. */
    static double[] rayRotation(double[] p) {
        double n = Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
        double rx = p[0] / n, ry = p[1] / n, rz = p[2] / n;
        // v = z x r = (-ry, rx, 0), c = rz; R = I + [v]x + [v]x^2 / (1 + c)
        double vx = -ry, vy = rx;
        double k = 1 / (1 + rz);
        return new double[] {
            1 - vy * vy * k, vx * vy * k, vy,
            vx * vy * k, 1 - vx * vx * k, -vx,
            -vy, vx, 1 - (vx * vx + vy * vy) * k};
    }

    static double[] mul(double[] a, double[] b) {
        double[] out = new double[9];
        mulInto(a, b, out);
        return out;
    }

    static void mulInto(double[] a, double[] b, double[] out) {
        for (int i = 0; i < 3; i++) {
            double a0 = a[3 * i], a1 = a[3 * i + 1], a2 = a[3 * i + 2];
            out[3 * i] = a0 * b[0] + a1 * b[3] + a2 * b[6];
            out[3 * i + 1] = a0 * b[1] + a1 * b[4] + a2 * b[7];
            out[3 * i + 2] = a0 * b[2] + a1 * b[5] + a2 * b[8];
        }
    }

    /** cos of the angle between two rotations: (trace(A^T B) - 1) / 2. */
    static double rotationCos(double[] a, double[] b) {
        double tr = 0;
        for (int i = 0; i < 9; i++) {
            tr += a[i] * b[i];
        }
        return (tr - 1) / 2;
    }

    private double centreDistance(Hypothesis a, Hypothesis b) {
        double[] m = model.center;
        double d2 = 0;
        for (int i = 0; i < 3; i++) {
            double ca = a.r[3 * i] * m[0] + a.r[3 * i + 1] * m[1] + a.r[3 * i + 2] * m[2] + a.t[i];
            double cb = b.r[3 * i] * m[0] + b.r[3 * i + 1] * m[1] + b.r[3 * i + 2] * m[2] + b.t[i];
            d2 += (ca - cb) * (ca - cb);
        }
        return Math.sqrt(d2);
    }

    /** Re-orthonormalises a rotation drifted by repeated products (Gram-Schmidt on the rows). */
    static double[] orthonormalize(double[] r) {
        double[] o = r.clone();
        double n0 = Math.sqrt(o[0] * o[0] + o[1] * o[1] + o[2] * o[2]);
        o[0] /= n0;
        o[1] /= n0;
        o[2] /= n0;
        double d = o[0] * o[3] + o[1] * o[4] + o[2] * o[5];
        o[3] -= d * o[0];
        o[4] -= d * o[1];
        o[5] -= d * o[2];
        double n1 = Math.sqrt(o[3] * o[3] + o[4] * o[4] + o[5] * o[5]);
        o[3] /= n1;
        o[4] /= n1;
        o[5] /= n1;
        o[6] = o[1] * o[5] - o[2] * o[4];
        o[7] = o[2] * o[3] - o[0] * o[5];
        o[8] = o[0] * o[4] - o[1] * o[3];
        return o;
    }
}
