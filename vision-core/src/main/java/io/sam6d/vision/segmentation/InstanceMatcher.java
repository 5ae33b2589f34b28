package io.sam6d.vision.segmentation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import io.sam6d.vision.geometry.Eigen3;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.model.Deadline;
import io.sam6d.vision.pose.IcpResult;
import io.sam6d.vision.pose.PointToPlaneIcp;
import io.sam6d.vision.pose.PoseCandidate;
import io.sam6d.vision.pose.PpfMatcher;
import io.sam6d.vision.pose.SceneCloud;

/**
 * Finds the instances of one object in a {@link DepthScene}: every proposal of a plausible size seeds a template
 * search and a point-pair vote, the poses found are refined by ICP and a local search and verified, and overlapping
 * results are merged. Proposals are independent, so they are matched in parallel when the settings allow it; each
 * thread gets its own scratch buffers.
 */
final class InstanceMatcher {

    private final DepthScene s;
    private final WeightFreeModel m;
    private final ConfigWeightFreeSegmentation config;
    private final PointToPlaneIcp icp;
    private final PointToPlaneIcp fineIcp;
    /** The request's time limit, taken on the caller's thread: matching runs on the pool's threads too. */
    private final Deadline deadline = Deadline.current();
    /** Scratch state per pool thread, for this object and frame. */
    private final ThreadLocal<Worker> workers = ThreadLocal.withInitial(Worker::new);

    InstanceMatcher(DepthScene scene, WeightFreeModel model, ConfigWeightFreeSegmentation config) {
        this.s = scene;
        this.m = model;
        this.config = config;
        this.icp = new PointToPlaneIcp(config.icp);
        this.fineIcp = new PointToPlaneIcp(config.polishIcp);
    }

    WeightFreeModel model() {
        return m;
    }

    /** Scratch state of one thread. */
    private final class Worker {
        final PoseSearch search = new PoseSearch(s, m, config);
        final Verification verification = new Verification(s, m, config);
        final PpfMatcher ppfMatcher = config.usePpf ? new PpfMatcher(config.ppf) : null;
    }

    /**
     * Hypotheses that need no proposal, for objects that touch, lie on or hide behind others: point-pair voting with
     * reference points spread over the scene (Drost 2010, with Vidal 2018's sampling and voting), and the best
     * distinct vote clusters refined by ICP on the scene points around them and verified. Scores are left to the
     * caller ({@link #sceneScore}).
     *
     * @param voting     the scene's surface points subsampled at this object's point-pair step: pair partners
     * @param references the points that vote (of {@code voting})
     */
    List<Verification.Result> findSceneWide(SceneCloud voting, SceneCloud references, PpfMatcher matcher) {
        if (voting.size() < 10 || references.size() == 0) {
            return List.of();
        }
        deadline.check();
        List<PoseCandidate> cands = matcher.match(m.ppf, voting, references);
        Worker first = workers.get();
        List<PoseSearch.Hypothesis> ranked = new ArrayList<>();
        for (PoseCandidate c : cands) {
            double[] r = c.modelToCamera().rotation();
            double[] t = c.modelToCamera().translation();
            int view = first.search.nearestView(r, t);
            // ranked by votes: before ICP a pose is too rough for the template score's depth tolerance
            ranked.add(new PoseSearch.Hypothesis(r, t, view, c.votes()));
        }
        List<PoseSearch.Hypothesis> best = first.search.distinct(ranked, config.sceneHypothesesRefined);
        return (config.parallel ? best.parallelStream() : best.stream()).map(h -> {
            deadline.check();
            Worker w = workers.get();
            SceneCloud cloud = localCloud(h.r, h.t);
            PoseSearch.Hypothesis refined = icpOnly(w.search, h, cloud);
            Verification.Result r = w.verification.verify(refined.r, refined.t, refined.view, refined.score, null);
            if (r != null) {
                r.sceneWide = true;
            }
            return r;
        }).filter(Objects::nonNull).collect(Collectors.toCollection(ArrayList::new));
    }

    /**
     * The scene points (not the support plane) within the object's bounding sphere, grown by a fifth, around the
     * model's centre at this pose: what ICP may fit.
     */
    private SceneCloud localCloud(double[] r, double[] t) {
        double[] c = m.center;
        double ox = r[0] * c[0] + r[1] * c[1] + r[2] * c[2] + t[0];
        double oy = r[3] * c[0] + r[4] * c[1] + r[5] * c[2] + t[1];
        double oz = r[6] * c[0] + r[7] * c[1] + r[8] * c[2] + t[2];
        double radius = 0.6 * m.diameterMm;
        if (oz - radius <= 1) {
            return cloud(new int[0], 0);
        }
        double uc = s.fx * ox / oz + s.cx, vc = s.fy * oy / oz + s.cy;
        double ru = s.fx * radius / (oz - radius), rv = s.fy * radius / (oz - radius);
        int u0 = (int) Math.max(0, Math.floor(uc - ru)), u1 = (int) Math.min(s.width - 1, Math.ceil(uc + ru));
        int v0 = (int) Math.max(0, Math.floor(vc - rv)), v1 = (int) Math.min(s.height - 1, Math.ceil(vc + rv));
        if (u0 > u1 || v0 > v1) {
            return cloud(new int[0], 0);
        }
        int[] px = new int[(u1 - u0 + 1) * (v1 - v0 + 1)];
        int n = 0;
        double r2 = radius * radius;
        for (int v = v0; v <= v1; v++) {
            for (int u = u0; u <= u1; u++) {
                int i = v * s.width + u;
                if (s.kind[i] != DepthScene.FREE) {
                    continue;
                }
                double dx = s.x[i] - ox, dy = s.y[i] - oy, dz = s.z[i] - oz;
                if (dx * dx + dy * dy + dz * dz <= r2) {
                    px[n++] = i;
                }
            }
        }
        return cloud(px, n);
    }

    /**
     * The template search on one proposal: its rough poses (best first), the first step of {@link #match}. Cheap
     * next to the rest, so every object is searched on every proposal it could be, and only the objects whose
     * templates fit a proposal about as well as the best one's go on to {@link #match} there.
     */
    record Screened(Segment segment, List<PoseSearch.Hypothesis> coarse) {
        double best() {
            return coarse.isEmpty() ? 0 : coarse.get(0).score;
        }
    }

    /** {@link Screened} for every proposal of a plausible size for this object. */
    List<Screened> screen() {
        List<Screened> out = new ArrayList<>();
        for (Segment seg : s.segments) {
            if (plausible(seg)) {
                out.add(screen(seg));
            }
        }
        return out;
    }

    /** The template search on one proposal. */
    Screened screen(Segment seg) {
        deadline.check();
        return new Screened(seg, workers.get().search.coarse(anchors(seg), config.hypothesesPerProposal));
    }

    /** Verified instances of {@link #match}ed proposals, best first, duplicates removed; weak ones included. */
    List<Verification.Result> distinct(List<Verification.Result> found) {
        found = new ArrayList<>(found);
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
    boolean plausible(Segment seg) {
        double z = seg.centroid[2];
        double[] ext = seg.extents();
        if (ext[0] > 1.2 * m.diameterMm + 2 * s.jumpMm(z)) {
            return false;
        }
        double expectedPx = m.meanSilhouetteMm2 * s.fx * s.fy / (z * z);
        return seg.pixels.length >= config.minVisibleFraction * expectedPx;
    }

    /**
     * A cascade per proposal: template search; ICP and local refinement of the best templates and verification of
     * the best two, unless no template agrees with the proposal at all; point-pair voting (ICP, verification) only
     * when that leaves no confident match (an occluded object, whose visible part sits far from the templates'
     * centroids, often needs it); a last round on the winner's own mask.
     */
    Verification.Result match(Screened screened) {
        deadline.check();
        Worker w = workers.get();
        Segment seg = screened.segment();
        List<PoseSearch.Hypothesis> coarse = screened.coarse();
        double coarseBest = screened.best();
        SceneCloud cloud = cloud(seg.pixels, seg.pixels.length);
        Verification.Result best = null;
        if (coarseBest >= config.minTemplateScore) {
            best = refineAndVerify(w, seg, coarse, cloud);
        }
        if (w.ppfMatcher != null && cloud.size() >= 10 && (best == null || best.score < config.confidentScore)) {
            SceneCloud voting = cloud.voxelSubsample(m.ppf.samplingStepMm(), config.ppf.normalClusterAngleDeg);
            if (voting.size() >= 3) {
                List<PoseCandidate> cands = w.ppfMatcher.match(m.ppf, voting, voting);
                List<PoseSearch.Hypothesis> hyps = new ArrayList<>();
                for (int k = 0; k < Math.min(config.ppfHypotheses, cands.size()); k++) {
                    RigidTransform p = cands.get(k).modelToCamera();
                    hyps.add(new PoseSearch.Hypothesis(p.rotation(), p.translation(), -1, 0));
                }
                Verification.Result r = refineAndVerify(w, seg, hyps, cloud);
                if (r != null && (best == null || r.score > best.score)) {
                    best = r;
                }
            }
        }
        if (best != null && best.score >= config.polishScore) {
            best = polish(w, seg, best);
        }
        return best;
    }

    /**
     * One more round on the best pose with the points of its own mask, which hold neither the occluders nor the
     * neighbours a proposal may have swallowed; kept when it verifies better.
     */
    private Verification.Result polish(Worker w, Segment seg, Verification.Result best) {
        int[] px = new int[best.maskArea];
        int n = 0;
        for (int v = 0; v < best.h; v++) {
            for (int u = 0; u < best.w; u++) {
                if (best.mask[v * best.w + u] && n < px.length) {
                    px[n++] = (best.v0 + v) * s.width + best.u0 + u;
                }
            }
        }
        SceneCloud cloud = cloud(px, n);
        if (cloud.size() < 10) {
            return best;
        }
        RigidTransform p = fineIcp.refine(m.ppf, cloud, new RigidTransform(best.r, best.t)).modelToCamera();
        double[] rot = p.rotation();
        double[] tr = p.translation();
        int view = w.search.nearestView(rot, tr);
        PoseSearch.Hypothesis fitted = new PoseSearch.Hypothesis(rot, tr, view,
                w.search.score(rot, tr, m.views[view], m.views[view].featureCount()));
        // the surface fit alone and the surface fit settled against the outline: whichever verifies better
        for (PoseSearch.Hypothesis h : List.of(fitted, w.search.refine(fitted))) {
            Verification.Result r = w.verification.verify(h.r, h.t, h.view, h.score, seg);
            if (r != null) {
                r.score = score(r);
                if (r.score > best.score) {
                    best = r;
                }
            }
        }
        return best;
    }

    private Verification.Result refineAndVerify(Worker w, Segment seg, List<PoseSearch.Hypothesis> hyps,
            SceneCloud cloud) {
        List<PoseSearch.Hypothesis> refined = new ArrayList<>();
        for (PoseSearch.Hypothesis h : hyps) {
            refined.add(icpRefine(icp, w.search, h, cloud));
        }
        refined = w.search.distinct(refined, config.verifiedPerProposal);
        Verification.Result best = null;
        for (PoseSearch.Hypothesis h : refined) {
            Verification.Result r = w.verification.verify(h.r, h.t, h.view, h.score, seg);
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

    /** ICP on the scene points around the pose; the nearest view for reporting. */
    private PoseSearch.Hypothesis icpOnly(PoseSearch search, PoseSearch.Hypothesis h, SceneCloud cloud) {
        if (cloud.size() < 6) {
            return h;
        }
        RigidTransform p = icp.refine(m.ppf, cloud, new RigidTransform(h.r, h.t)).modelToCamera();
        int view = search.nearestView(p.rotation(), p.translation());
        return new PoseSearch.Hypothesis(p.rotation(), p.translation(), view, h.score);
    }

    /** ICP on the proposal's points, then the template score of the refined pose (nearest view). */
    private PoseSearch.Hypothesis icpRefine(PointToPlaneIcp icp, PoseSearch search, PoseSearch.Hypothesis h,
            SceneCloud cloud) {
        if (cloud.size() < 6) {
            return h;
        }
        IcpResult ir = icp.refine(m.ppf, cloud, new RigidTransform(h.r, h.t));
        RigidTransform p = ir.modelToCamera();
        double[] r = p.rotation();
        double[] t = p.translation();
        int view = search.nearestView(r, t);
        PoseSearch.Hypothesis fitted = new PoseSearch.Hypothesis(r, t, view,
                search.score(r, t, m.views[view], m.views[view].featureCount()));
        // ICP fits the surface but barely sees the outline: a local search that punishes the model for hanging
        // over the object's edge (free-space violations) settles it laterally
        return search.refine(fitted);
    }

    /** The scene points (with normals) of the given pixels, evenly thinned to at most {@code 3000}. */
    private SceneCloud cloud(int[] pixels, int count) {
        int valid = 0;
        for (int k = 0; k < count; k++) {
            int i = pixels[k];
            if (s.nx[i] != 0 || s.ny[i] != 0 || s.nz[i] != 0) {
                valid++;
            }
        }
        int stride = Math.max(1, (int) Math.ceil(valid / 3000.0));
        int n = (valid + stride - 1) / stride;
        float[] xyz = new float[3 * n], nrm = new float[3 * n];
        int[] pix = new int[n];
        int j = 0, seen = 0;
        for (int k = 0; k < count && j < n; k++) {
            int i = pixels[k];
            if (s.nx[i] == 0 && s.ny[i] == 0 && s.nz[i] == 0) {
                continue;
            }
            if (seen++ % stride != 0) {
                continue;
            }
            xyz[3 * j] = s.x[i];
            xyz[3 * j + 1] = s.y[i];
            xyz[3 * j + 2] = s.z[i];
            nrm[3 * j] = s.nx[i];
            nrm[3 * j + 1] = s.ny[i];
            nrm[3 * j + 2] = s.nz[i];
            pix[j] = i;
            j++;
        }
        if (j < n) {
            xyz = java.util.Arrays.copyOf(xyz, 3 * j);
            nrm = java.util.Arrays.copyOf(nrm, 3 * j);
            pix = java.util.Arrays.copyOf(pix, j);
        }
        return new SceneCloud(xyz, nrm, pix, s.width);
    }

    /** The segment's centroid and, for a segment nearly as large as the object, the centroids of its two halves. */
    private double[][] anchors(Segment seg) {
        double[] ext = seg.extents();
        if (ext[0] < 0.7 * m.diameterMm) {
            return new double[][] {seg.centroid};
        }
        double[] axis = Eigen3.largestEigenvector(seg.covariance);
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

    /**
     * One number 0..1 from the verification's measurements: the geometric mean of depth fit (free-space
     * violations), outline support, residual quality and normal agreement (squared), how much of the proposal the
     * model explains, the share of the expected silhouette inside the image (an object cut by
     * the image border cannot be verified) and whether the model would stick into the support plane. Colour, when
     * the model has it, enters once. The square root spreads the product over 0..1; see
     * {@link ConfigWeightFreeSegmentation#minScore} for where right and wrong fall. Chooses among the poses of one
     * proposal; objects compete across the frame with {@link #sceneScore}.
     */
    double score(Verification.Result r) {
        // the model should explain (almost) all of its proposal: a proposal the model covers only in part is a
        // bigger or other object
        double explains = Math.max(0, Math.min(1, (r.explained - 0.8) / 0.17));
        return sceneScore(r) * Math.sqrt(explains);
    }

    /**
     * The score objects compete with at scene level: {@link #score} without the proposal (a pose found without one
     * has none, and a proposal may hold several touching objects).
     */
    double sceneScore(Verification.Result r) {
        double inImage = Math.min(1, r.inImage / 0.9);
        // a few percent below the table is pose error at the contact; more is an object sunk into it
        double afloat = Math.max(0, Math.min(1, 1 - (r.sunk - 0.03) / 0.07));
        double q = r.depthQuality;
        double n = r.normalAgreement;
        // an outline across which the surface simply goes on is no edge at all: a model pressed onto a face of a
        // bigger object, or into a wall (twice against it; chosen on the tuning frames: real YCB-V scenes 0, 1, 3 and
        // the synthetic ycbv-clutter-tune set, where right poses have at most a few percent of such outline)
        double noEdge = r.contourContinues / (double) Math.max(1, r.contourCount);
        double outline = r.contour * (1 - noEdge) * (1 - noEdge);
        // a pose is judged on the pixels with depth: one whose silhouette mostly lies where the camera measured nothing
        // (black or shiny surfaces, out of range, or nothing there at all) cannot be told from a model hanging in
        // the air
        double known = Math.min(1, (1 - r.unknown / (double) Math.max(1, r.silhouette)) / config.minKnownFraction);
        double raw = r.fit() * outline * q * q * n * n * inImage * afloat * known * known;
        if (!Double.isNaN(r.color)) {
            // colour is the weaker cue (shading, highlights, scanned textures): one power, not two
            raw *= r.color;
        }
        return Math.sqrt(Math.max(0, raw));
    }
}
