package io.sam6d.vision.segmentation;

/**
 * Checks a posed model against the scene pixel by pixel and cuts its mask. The model is rendered; every silhouette
 * pixel is a match (scene depth within tolerance), occluded (scene in front), a violation (scene behind: the
 * model would hang in space the camera sees through) or unknown (no depth). The silhouette's outline must also be
 * where the scene's surface ends (a depth step, a fold, the support plane): a model pressed into the middle of a
 * bigger surface fails there. The mask is the matching and unknown silhouette pixels plus depth-consistent pixels
 * in a thin band around the silhouette (pose error), so it follows the visible object, not the raw proposal.
 * Holds scratch buffers: one per thread.
 */
final class Verification {

    /** The result for one pose. */
    static final class Result {
        double[] r;
        double[] t;
        int view;
        double searchScore;
        int silhouette;
        /** Share of the model's surface below the support plane (an object cannot stand inside the table). */
        double sunk;
        /** Share of the model's camera-facing surface inside the image (below 1 when cut by the image border). */
        double inImage;
        int match;
        int violation;
        /** Disagreeing pixels on the silhouette's rim (not counted as violations). */
        int rimViolation;
        int occluded;
        int unknown;
        double normalAgreement;
        /** Mean of 1 - (residual / tolerance)^2 over the matching pixels: 1 for a perfect fit. */
        double depthQuality;
        /** RMS depth residual of the matching pixels, mm. */
        double rmsMm;
        double contour;
        int contourCount;
        /** Outline pixels whose inside disagrees with the scene (no visible surface there, nothing in front). */
        int contourContradicted;
        /** Outline pixels where the scene's surface simply goes on outside (no step, no fold): not an edge at all. */
        int contourContinues;
        /** Pixels on the silhouette's outline. */
        int border;
        double color = Double.NaN;
        double explained;
        /** Found by the scene-wide vote rather than on a proposal. */
        boolean sceneWide;
        double score;
        /** Silhouette pixels whose depth the model matches, in the mask's window: what the pose explains. */
        boolean[] support;
        /** Mask in the window {@code [u0, v0, w, h]} of the frame. */
        boolean[] mask;
        int u0;
        int v0;
        int w;
        int h;
        int maskArea;

        double fit() {
            return match / (double) Math.max(1, match + violation);
        }

        double visible() {
            return match / (double) Math.max(1, silhouette);
        }

        /** Fraction of the silhouette not hidden by something in front (unknown pixels excluded). */
        double unoccluded() {
            return (match + violation) / (double) Math.max(1, match + violation + occluded);
        }

        int[] bbox() {
            int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = -1, y1 = -1;
            for (int v = 0; v < h; v++) {
                for (int u = 0; u < w; u++) {
                    if (mask[v * w + u]) {
                        x0 = Math.min(x0, u);
                        x1 = Math.max(x1, u);
                        y0 = Math.min(y0, v);
                        y1 = Math.max(y1, v);
                    }
                }
            }
            return x1 < 0 ? new int[4] : new int[] {u0 + x0, v0 + y0, x1 - x0 + 1, y1 - y0 + 1};
        }

        /** Intersection over union of the two masks (frame coordinates). */
        double iou(Result o) {
            int a0 = Math.max(u0, o.u0), a1 = Math.min(u0 + w, o.u0 + o.w);
            int b0 = Math.max(v0, o.v0), b1 = Math.min(v0 + h, o.v0 + o.h);
            int inter = 0;
            for (int v = b0; v < b1; v++) {
                for (int u = a0; u < a1; u++) {
                    if (mask[(v - v0) * w + (u - u0)] && o.mask[(v - o.v0) * o.w + (u - o.u0)]) {
                        inter++;
                    }
                }
            }
            int union = maskArea + o.maskArea - inter;
            return union == 0 ? 0 : inter / (double) union;
        }

        boolean[] frameMask(int width, int height) {
            boolean[] out = new boolean[width * height];
            for (int v = 0; v < h; v++) {
                for (int u = 0; u < w; u++) {
                    if (mask[v * w + u]) {
                        out[(v0 + v) * width + u0 + u] = true;
                    }
                }
            }
            return out;
        }
    }

    private final DepthScene s;
    private final WeightFreeModel m;
    private final ConfigWeightFreeSegmentation config;
    private final PoseRender render = new PoseRender();
    private float[] grown = new float[0];
    /** {@link #band}'s growth front: pixels filled in the last round, pixels to fill next, their depths, marks. */
    private int[] front = new int[0];
    private int[] next = new int[0];
    private float[] nextDepth = new float[0];
    private int[] queued = new int[0];

    Verification(DepthScene scene, WeightFreeModel model, ConfigWeightFreeSegmentation config) {
        this.s = scene;
        this.m = model;
        this.config = config;
    }

    /** Width of the silhouette rim whose depth is not trusted, pixels (about 4.5 mm at the object's depth). */
    private int edgePx(Result res) {
        double cz = res.r[6] * m.center[0] + res.r[7] * m.center[1] + res.r[8] * m.center[2] + res.t[2];
        return (int) Math.max(1, Math.min(6, Math.round(4.5 * s.fx / Math.max(1, cz))));
    }

    double tolMm(double depthMm) {
        return Math.max(config.fitMinMm, config.fitRelative * depthMm);
    }

    /** Verifies a pose; null when the model does not project into the frame. */
    Result verify(double[] r, double[] t, int view, double searchScore, Segment seed) {
        int bandPx = 0;
        double cz = r[6] * m.center[0] + r[7] * m.center[1] + r[8] * m.center[2] + t[2];
        if (cz > 1) {
            bandPx = (int) Math.max(2, Math.min(10, Math.round(4.0 * s.fx / cz)));
        }
        if (!render.render(m, r, t, s, bandPx + 4)) {
            return null;
        }
        PoseRender pr = render;
        int w = pr.w, h = pr.h, size = w * h;
        Result res = new Result();
        res.r = r;
        res.t = t;
        res.view = view;
        res.searchScore = searchScore;
        res.u0 = pr.u0;
        res.v0 = pr.v0;
        res.w = w;
        res.h = h;
        res.mask = new boolean[size];
        res.support = new boolean[size];
        res.silhouette = pr.area;
        res.inImage = pr.inImageFraction();
        res.sunk = sunkFraction(r, t);
        double normalSum = 0;
        int normalCount = 0;
        double colorSum = 0;
        int colorCount = 0;
        double quality = 0;
        double sq = 0;
        boolean useColor = config.useColor && m.colors != null;
        double[] gain = useColor ? colorGain(pr) : null;
        // depth right at an object's outline is unreliable (mixed pixels, sensor shadow, registration): a thin rim
        // of the silhouette may disagree without counting against the pose
        int rim = edgePx(res);
        pr.borderDistance(rim + 4);
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                int k = v * w + u;
                if (!pr.inside(k)) {
                    continue;
                }
                int i = (pr.v0 + v) * s.width + pr.u0 + u;
                float zs = s.z[i];
                float zm = pr.depth[k];
                if (zs <= 0) {
                    res.unknown++;
                    res.mask[k] = true;
                    continue;
                }
                double tol = tolMm(zm);
                double dz = zs - zm;
                boolean interior = pr.edge[k] > rim;
                if (dz > tol) {
                    if (interior) {
                        res.violation++;
                    } else {
                        res.rimViolation++;
                    }
                } else if (dz < -tol) {
                    // the support plane (or what lies beyond it) cannot hide an object standing on it: the model
                    // would be sunk into the table
                    if (s.kind[i] == DepthScene.PLANE || s.kind[i] == DepthScene.BEYOND) {
                        if (interior) {
                            res.violation++;
                        } else {
                            res.rimViolation++;
                        }
                    } else {
                        res.occluded++;
                    }
                } else {
                    res.match++;
                    res.mask[k] = true;
                    res.support[k] = true;
                    double e = dz / tol;
                    quality += 1 - e * e;
                    sq += dz * dz;
                    if (s.nx[i] != 0 || s.ny[i] != 0 || s.nz[i] != 0) {
                        double dot = s.nx[i] * pr.normal[3 * k] + s.ny[i] * pr.normal[3 * k + 1]
                                + s.nz[i] * pr.normal[3 * k + 2];
                        normalSum += Math.max(0, dot);
                        normalCount++;
                    }
                    if (useColor) {
                        colorSum += colorAgreement(pr.point[k], i, gain);
                        colorCount++;
                    }
                }
            }
        }
        res.normalAgreement = normalCount == 0 ? 0.5 : normalSum / normalCount;
        res.depthQuality = res.match == 0 ? 0 : quality / res.match;
        res.rmsMm = res.match == 0 ? Double.NaN : Math.sqrt(sq / res.match);
        if (useColor && colorCount > 0) {
            res.color = colorSum / colorCount;
        }
        contour(res, pr);
        band(res, pr, bandPx);
        int area = 0;
        int inSeed = 0;
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                if (res.mask[v * w + u]) {
                    area++;
                }
            }
        }
        res.maskArea = area;
        if (seed != null) {
            for (int i : seed.pixels) {
                int u = i % s.width - pr.u0, v = i / s.width - pr.v0;
                if (u >= 0 && v >= 0 && u < w && v < h && res.mask[v * w + u]) {
                    inSeed++;
                }
            }
            res.explained = inSeed / (double) seed.pixels.length;
        }
        return res;
    }

    /**
     * Outline check: from each silhouette border pixel whose depth matched, look a few pixels outward. The outline is
     * supported when the scene there is another surface (a depth step, the support plane, no depth, a fold), and
     * not when the same surface simply continues. A border pixel whose inside shows no matching depth within
     * {@link ConfigWeightFreeSegmentation#outlineReachRims} rims, only the scene behind the model, contradicts it.
     */
    private void contour(Result res, PoseRender pr) {
        int w = pr.w, h = pr.h;
        double cz = res.r[6] * m.center[0] + res.r[7] * m.center[1] + res.r[8] * m.center[2] + res.t[2];
        int step = (int) Math.max(2, Math.min(6, Math.round(3.0 * s.fx / cz)));
        int reach = config.outlineReachRims * edgePx(res) + 2;
        double cosFold = Math.cos(Math.toRadians(config.creaseAngleDeg));
        double supported = 0;
        int counted = 0;
        int contradicted = 0;
        int continues = 0;
        int border = 0;
        int[] du = {1, -1, 0, 0};
        int[] dv = {0, 0, 1, -1};
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                int k = v * w + u;
                if (pr.edge[k] != 1) {
                    continue;
                }
                int dir = -1;
                for (int d = 0; d < 4; d++) {
                    int uu = u + du[d], vv = v + dv[d];
                    if (uu < 0 || vv < 0 || uu >= w || vv >= h || !pr.inside(vv * w + uu)) {
                        dir = d;
                        break;
                    }
                }
                if (dir < 0) {
                    continue;
                }
                border++;
                // the first pixel inward whose depth matches the model: the object's surface next to its outline
                int i = -1;
                boolean hidden = false, against = false;
                for (int st = 0; st <= reach && i < 0; st++) {
                    int pu = u - st * du[dir], pv = v - st * dv[dir];
                    if (pu < 0 || pv < 0 || pu >= w || pv >= h || !pr.inside(pv * w + pu)) {
                        break;
                    }
                    int pk = pv * w + pu;
                    int fi = (pr.v0 + pv) * s.width + pr.u0 + pu;
                    float zp = s.z[fi];
                    if (zp <= 0) {
                        continue;
                    }
                    double tol = tolMm(pr.depth[pk]);
                    if (Math.abs(zp - pr.depth[pk]) <= tol) {
                        i = fi;
                    } else if (zp < pr.depth[pk] - tol && s.kind[fi] == DepthScene.FREE) {
                        hidden = true;
                    } else {
                        against = true;
                    }
                }
                if (i < 0) {
                    if (against && !hidden) {
                        contradicted++; // the model's edge lies where the camera sees something else behind
                    }
                    continue;
                }
                float zp = s.z[i];
                int qu = pr.u0 + u + step * du[dir], qv = pr.v0 + v + step * dv[dir];
                if (qu < 0 || qv < 0 || qu >= s.width || qv >= s.height) {
                    // an outline along the image border cannot show where the object ends
                    counted++;
                    continue;
                }
                int q = qv * s.width + qu;
                counted++;
                double sup = outsideSupport(i, zp, q, cosFold);
                // depth right beside an object's edge is often missing or mixed (sensor shadow): look further out
                for (int k2 = 2; k2 <= 4 && sup < 1; k2++) {
                    int qu2 = pr.u0 + u + k2 * step * du[dir], qv2 = pr.v0 + v + k2 * step * dv[dir];
                    if (qu2 < 0 || qv2 < 0 || qu2 >= s.width || qv2 >= s.height) {
                        break;
                    }
                    int q2 = qv2 * s.width + qu2;
                    double sup2 = outsideSupport(i, zp, q2, cosFold);
                    sup = Math.max(sup, sup2);
                    if (s.z[q2] > 0 && sup2 < 0.5) {
                        break; // the same surface goes on: no need to look further
                    }
                }
                supported += sup;
                if (sup == 0) {
                    continues++;
                }
            }
        }
        res.contourCount = counted;
        res.contourContinues = continues;
        res.border = border;
        res.contourContradicted = contradicted;
        res.contour = supported / Math.max(1, counted + contradicted);
    }

    /** Share of the dense model points deeper than the tolerance beyond the support plane (0 when there is none). */
    private double sunkFraction(double[] r, double[] t) {
        if (s.planes.isEmpty()) {
            return 0;
        }
        double[] pl = s.planes.get(0);
        // the plane in the model frame: n_m = R^T n, d_m = n . t + d
        double na = r[0] * pl[0] + r[3] * pl[1] + r[6] * pl[2];
        double nb = r[1] * pl[0] + r[4] * pl[1] + r[7] * pl[2];
        double nc = r[2] * pl[0] + r[5] * pl[1] + r[8] * pl[2];
        double d = pl[0] * t[0] + pl[1] * t[1] + pl[2] * t[2] + pl[3];
        double tol = tolMm(t[2]);
        float[] p = m.points;
        int n = p.length / 3, below = 0;
        for (int i = 0; i < n; i += 4) {
            if (na * p[3 * i] + nb * p[3 * i + 1] + nc * p[3 * i + 2] + d < -tol) {
                below++;
            }
        }
        return below / (double) ((n + 3) / 4);
    }

    /**
     * How surely the scene at {@code q}, outside the outline, is another surface than the object's at {@code i}
     * (depth {@code zp}): 1 for the support plane, a depth step or a fold, 0.5 when it cannot be told (no depth, no
     * normal, or the object's foot on its support), 0 when the same surface goes on.
     */
    private double outsideSupport(int i, float zp, int q, double cosFold) {
        float zq = s.z[q];
        if (zq <= 0) {
            return config.noDepthOutlineSupport;
        }
        if (s.kind[q] == DepthScene.PLANE || s.kind[q] == DepthScene.BEYOND) {
            return 1;
        }
        if (Math.abs(zq - zp) > 2 * s.jumpMm(Math.min(zq, zp))) {
            return 1;
        }
        boolean pn = s.nx[i] != 0 || s.ny[i] != 0 || s.nz[i] != 0;
        boolean qn = s.nx[q] != 0 || s.ny[q] != 0 || s.nz[q] != 0;
        if (!pn || !qn) {
            return 0.5;
        }
        if (s.nx[i] * s.nx[q] + s.ny[i] * s.ny[q] + s.nz[i] * s.nz[q] < cosFold) {
            return 1;
        }
        return atFoot(i, q) ? 0.5 : 0;
    }

    /**
     * True when the object's surface at {@code i} and the scene at {@code q} beyond its outline both lie in the
     * contact band of the support plane ({@link ConfigWeightFreeSegmentation#contactBandPlaneTols}): the outline
     * runs along the object's foot, where the sensor cannot show whether the surface ends.
     */
    private boolean atFoot(int i, int q) {
        if (s.planes.isEmpty() || config.contactBandPlaneTols <= 0) {
            return false;
        }
        double[] plane = s.planes.get(0);
        double band = config.contactBandPlaneTols * s.planeTolMm(s.z[q]);
        return Math.abs(s.dist(plane, q)) < band && Math.abs(s.dist(plane, i)) < band;
    }

    /** Adds depth-consistent free pixels just outside the silhouette (the pose is only approximately right). */
    private void band(Result res, PoseRender pr, int bandPx) {
        int w = pr.w, h = pr.h, size = w * h;
        if (grown.length < size) {
            grown = new float[size];
            front = new int[size];
            next = new int[size];
            nextDepth = new float[size];
            queued = new int[size];
        }
        // grown: the silhouette's depth spread outward one pixel per round, each empty pixel taking the nearest
        // depth among its four neighbours filled in earlier rounds; only the pixels next to the last round's are
        // visited (the band, not the window)
        System.arraycopy(pr.depth, 0, grown, 0, size);
        java.util.Arrays.fill(queued, 0, size, 0);
        int nFront = 0;
        for (int k = 0; k < size; k++) {
            if (grown[k] != Float.POSITIVE_INFINITY) {
                front[nFront++] = k;
            }
        }
        for (int it = 1; it <= bandPx && nFront > 0; it++) {
            int nNext = 0;
            for (int f = 0; f < nFront; f++) {
                int k = front[f], u = k % w, v = k / w;
                for (int d = 0; d < 4; d++) {
                    int q = d == 0 ? (u > 0 ? k - 1 : -1) : d == 1 ? (u + 1 < w ? k + 1 : -1)
                            : d == 2 ? (v > 0 ? k - w : -1) : (v + 1 < h ? k + w : -1);
                    if (q >= 0 && grown[q] == Float.POSITIVE_INFINITY && queued[q] != it) {
                        queued[q] = it;
                        next[nNext++] = q;
                    }
                }
            }
            // all of a round's depths from the previous rounds' pixels, then written
            for (int n = 0; n < nNext; n++) {
                int q = next[n], u = q % w, v = q / w;
                float best = Float.POSITIVE_INFINITY;
                if (u > 0) {
                    best = Math.min(best, grown[q - 1]);
                }
                if (u + 1 < w) {
                    best = Math.min(best, grown[q + 1]);
                }
                if (v > 0) {
                    best = Math.min(best, grown[q - w]);
                }
                if (v + 1 < h) {
                    best = Math.min(best, grown[q + w]);
                }
                nextDepth[n] = best;
            }
            for (int n = 0; n < nNext; n++) {
                grown[next[n]] = nextDepth[n];
            }
            int[] tmp = front;
            front = next;
            next = tmp;
            nFront = nNext;
        }
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                int k = v * w + u;
                if (pr.inside(k) || grown[k] == Float.POSITIVE_INFINITY) {
                    continue;
                }
                int i = (pr.v0 + v) * s.width + pr.u0 + u;
                if (s.kind[i] == DepthScene.FREE && Math.abs(s.z[i] - grown[k]) <= tolMm(grown[k])) {
                    res.mask[k] = true;
                }
            }
        }
    }

    /** Per-channel gain between the model's colours and the image over the matched pixels (lighting, white balance). */
    private double[] colorGain(PoseRender pr) {
        double[] sm = new double[3], si = new double[3];
        for (int v = 0; v < pr.h; v++) {
            for (int u = 0; u < pr.w; u++) {
                int k = v * pr.w + u;
                if (!pr.inside(k)) {
                    continue;
                }
                int i = (pr.v0 + v) * s.width + pr.u0 + u;
                if (s.z[i] <= 0 || Math.abs(s.z[i] - pr.depth[k]) > tolMm(pr.depth[k])) {
                    continue;
                }
                int p = pr.point[k];
                for (int c = 0; c < 3; c++) {
                    sm[c] += m.colors[3 * p + c] & 0xFF;
                    si[c] += s.rgb[3 * i + c] & 0xFF;
                }
            }
        }
        double[] g = new double[3];
        for (int c = 0; c < 3; c++) {
            g[c] = sm[c] > 0 ? Math.max(0.25, Math.min(4, si[c] / sm[c])) : 1;
        }
        // one brightness gain plus a mild colour balance: keep the channels' ratios close to one another
        double mean = (g[0] + g[1] + g[2]) / 3;
        for (int c = 0; c < 3; c++) {
            g[c] = mean * Math.max(0.8, Math.min(1.25, g[c] / mean));
        }
        return g;
    }

    /**
     * Colour agreement of one pixel, 0..1, after the per-object gain: the hue (the direction of the colour away from
     * grey) must match within {@link ConfigWeightFreeSegmentation#hueToleranceDeg}, and grey must meet grey. How
     * saturated and how bright the colour looks varies between the model's scan and another camera, under other
     * light and with shading, so neither counts beyond that; a colour too dark or too grey for a hue only says
     * "grey" or "coloured".
     */
    private double colorAgreement(int point, int pixel, double[] gain) {
        double ar = (m.colors[3 * point] & 0xFF) * gain[0];
        double ag = (m.colors[3 * point + 1] & 0xFF) * gain[1];
        double ab = (m.colors[3 * point + 2] & 0xFF) * gain[2];
        double br = s.rgb[3 * pixel] & 0xFF, bg = s.rgb[3 * pixel + 1] & 0xFF, bb = s.rgb[3 * pixel + 2] & 0xFF;
        double sa = ar + ag + ab, sb = br + bg + bb;
        if (sa < 30 || sb < 30) {
            // too dark for a hue: only brightness says anything
            return sa < 30 && sb < 30 ? 1 : 0.5;
        }
        // chroma: the colour minus its grey part, relative to the brightness
        double ma = sa / 3, mb = sb / 3;
        double cr = ar - ma, cg = ag - ma, cb = ab - ma;
        double dr = br - mb, dg = bg - mb, db = bb - mb;
        double na = Math.sqrt(cr * cr + cg * cg + cb * cb), nb = Math.sqrt(dr * dr + dg * dg + db * db);
        double satA = na / sa, satB = nb / sb;
        double grey = config.greySaturation;
        if (satA < grey && satB < grey) {
            return 1;
        }
        if (satA < grey || satB < grey) {
            // one grey, one coloured: how far the coloured one is from grey decides
            double sat = Math.max(satA, satB);
            return Math.max(0, 1 - (sat - grey) / grey);
        }
        double cos = (cr * dr + cg * dg + cb * db) / (na * nb);
        double angle = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos))));
        return Math.max(0, 1 - angle / config.hueToleranceDeg);
    }

}
