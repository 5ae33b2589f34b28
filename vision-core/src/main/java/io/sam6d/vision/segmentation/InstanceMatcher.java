package io.sam6d.vision.segmentation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the instances of one object in a {@link DepthScene}: every proposal of a plausible size seeds a template
 * search, the best poses are refined and verified, and overlapping results are merged.
 */
final class InstanceMatcher {

    private final DepthScene s;
    private final WeightFreeModel m;
    private final ConfigWeightFreeSegmentation config;
    private final PoseSearch search;
    private final Verification verification;

    InstanceMatcher(DepthScene scene, WeightFreeModel model, ConfigWeightFreeSegmentation config) {
        this.s = scene;
        this.m = model;
        this.config = config;
        this.search = new PoseSearch(scene, model, config);
        this.verification = new Verification(scene, model, config);
    }

    /** Verified instances, best first, duplicates removed; includes weak ones (the caller applies the threshold). */
    List<Verification.Result> find() {
        List<Verification.Result> found = new ArrayList<>();
        for (DepthScene.Segment seg : s.segments) {
            if (!plausible(seg)) {
                continue;
            }
            if (coveredByAccepted(seg, found)) {
                continue;
            }
            Verification.Result best = matchSegment(seg);
            if (best != null) {
                found.add(best);
            }
        }
        found.sort(Comparator.comparingDouble((Verification.Result r) -> -r.score));
        List<Verification.Result> out = new ArrayList<>();
        for (Verification.Result r : found) {
            boolean dup = false;
            for (Verification.Result o : out) {
                if (r.iou(o) > config.duplicateIou) {
                    dup = true;
                    break;
                }
            }
            if (!dup) {
                out.add(r);
            }
        }
        return out;
    }

    /** Size gate: not larger than the object, not much smaller than its least visible part. */
    boolean plausible(DepthScene.Segment seg) {
        double z = seg.centroid[2];
        double[] ext = seg.extents();
        if (ext[0] > 1.2 * m.diameterMm + 2 * s.jumpMm(z)) {
            return false;
        }
        double expectedPx = m.meanSilhouetteMm2 * s.fx * s.fy / (z * z);
        return seg.pixels.length >= config.minVisibleFraction * expectedPx;
    }

    private boolean coveredByAccepted(DepthScene.Segment seg, List<Verification.Result> found) {
        for (Verification.Result r : found) {
            if (r.score < config.minScore) {
                continue;
            }
            int in = 0;
            for (int i : seg.pixels) {
                int u = i % s.width - r.u0, v = i / s.width - r.v0;
                if (u >= 0 && v >= 0 && u < r.w && v < r.h && r.mask[v * r.w + u]) {
                    in++;
                }
            }
            if (in > 0.8 * seg.pixels.length) {
                return true;
            }
        }
        return false;
    }

    Verification.Result matchSegment(DepthScene.Segment seg) {
        double[][] anchors = anchors(seg);
        List<PoseSearch.Hypothesis> coarse = search.coarse(anchors, config.hypothesesPerProposal);
        List<PoseSearch.Hypothesis> refined = new ArrayList<>();
        for (PoseSearch.Hypothesis h : coarse) {
            refined.add(search.refine(h));
        }
        refined = search.distinct(refined, 2);
        Verification.Result best = null;
        for (PoseSearch.Hypothesis h : refined) {
            Verification.Result r = verification.verify(h.r, h.t, h.view, h.score, seg);
            if (r == null) {
                continue;
            }
            r.score = score(r);
            if (best == null || r.score > best.score) {
                best = r;
            }
        }
        return best;
    }

    /** The segment's centroid and, for a segment nearly as large as the object, the centroids of its two halves. */
    private double[][] anchors(DepthScene.Segment seg) {
        double[] ext = seg.extents();
        if (ext[0] < 0.7 * m.diameterMm) {
            return new double[][] {seg.centroid};
        }
        double[] axis = largestEigenvector(seg.covariance);
        double[] a = new double[3], b = new double[3];
        int na = 0, nb = 0;
        for (int i : seg.pixels) {
            double d = (s.x[i] - seg.centroid[0]) * axis[0] + (s.y[i] - seg.centroid[1]) * axis[1]
                    + (s.z[i] - seg.centroid[2]) * axis[2];
            if (d < 0) {
                a[0] += s.x[i];
                a[1] += s.y[i];
                a[2] += s.z[i];
                na++;
            } else {
                b[0] += s.x[i];
                b[1] += s.y[i];
                b[2] += s.z[i];
                nb++;
            }
        }
        if (na == 0 || nb == 0) {
            return new double[][] {seg.centroid};
        }
        for (int k = 0; k < 3; k++) {
            a[k] /= na;
            b[k] /= nb;
        }
        return new double[][] {seg.centroid, a, b};
    }

    private static double[] largestEigenvector(double[] cov) {
        // power iteration: converges fast for the well-separated largest eigenvalue of an elongated segment
        double[] v = {1, 0.5, 0.25};
        for (int it = 0; it < 30; it++) {
            double x = cov[0] * v[0] + cov[1] * v[1] + cov[2] * v[2];
            double y = cov[3] * v[0] + cov[4] * v[1] + cov[5] * v[2];
            double z = cov[6] * v[0] + cov[7] * v[1] + cov[8] * v[2];
            double n = Math.sqrt(x * x + y * y + z * z);
            if (n == 0) {
                return new double[] {1, 0, 0};
            }
            v[0] = x / n;
            v[1] = y / n;
            v[2] = z / n;
        }
        return v;
    }

    /** One number 0..1 from the verification's measurements. */
    double score(Verification.Result r) {
        double fit = r.fit();
        double sc = fit * fit * r.contour * Math.sqrt(r.normalAgreement);
        if (!Double.isNaN(r.color)) {
            sc *= Math.sqrt(r.color);
        }
        return sc;
    }
}
