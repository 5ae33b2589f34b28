package io.sam6d.vision.pose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.sam6d.vision.detection.Detection;
import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.image.MaskOps;
import io.sam6d.vision.image.RgbImage;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.model.Deadline;
import io.sam6d.vision.model.ObjectModel;
import io.sam6d.vision.model.PreparedModel;

/**
 * 6D pose from depth and the CAD model, without learned weights. For each detection: point-pair-feature voting
 * ({@link PpfMatcher}) between the model and the depth points inside the (slightly grown) mask gives pose clusters;
 * the best of them (and the detection's coarse pose, when it has one) are refined by point-to-plane ICP
 * ({@link PointToPlaneIcp}) and verified against depth and mask ({@link PoseScorer}); the best-scoring pose wins,
 * unless one of its symmetric variants ({@link PpfModel#approximateSymmetries()}) scores about as well and colour or
 * the upright prior prefers it ({@link ConfigWeightFreePose#symmetryTieMargin}).
 *
 * <p>Thread-safe: every call works on its own buffers. Models must come from this engine's {@link #prepare}.
 */
public final class WeightFreePoseEstimator implements PoseEstimator {

    /** Stage names reported with hypotheses. */
    public static final String STAGE_VOTING = "ppf";
    public static final String STAGE_COARSE = "coarse";
    public static final String STAGE_REFINED = "icp";
    /** A symmetric variant of the best pose (followed by the symmetry's label). */
    public static final String STAGE_SYMMETRY = "symmetry";

    private final ConfigWeightFreePose config;

    public WeightFreePoseEstimator() {
        this(new ConfigWeightFreePose());
    }

    public WeightFreePoseEstimator(ConfigWeightFreePose config) {
        config.checkValidity();
        this.config = config.copy();
    }

    @Override
    public String name() {
        return "weight-free";
    }

    /** A copy of the settings. */
    public ConfigWeightFreePose config() {
        return config.copy();
    }

    @Override
    public PpfModel prepare(ObjectModel model) {
        return PpfModel.build(model, config.ppf);
    }

    @Override
    public List<PoseResult> estimate(RgbdFrame frame, List<Detection> detections, List<PreparedModel> models,
            boolean keepRejected) {
        Map<String, PpfModel> byName = new HashMap<>();
        for (PreparedModel pm : models) {
            if (!(pm instanceof PpfModel ppf)) {
                throw new IllegalArgumentException("model " + pm.model().name()
                        + " was not prepared by the weight-free pose estimator");
            }
            byName.put(ppf.name(), ppf);
        }
        Deadline deadline = Deadline.current();
        IntStream indices = IntStream.range(0, detections.size());
        List<PoseResult> all = (config.parallel ? indices.parallel() : indices).mapToObj(d -> {
            deadline.check();
            Detection det = detections.get(d);
            PpfModel model = byName.get(det.objectName());
            if (model == null || det.mask() == null) {
                return null;
            }
            return estimateOne(new Workspace(config), d, model, frame.depth(), frame.camera(), frame.rgb(),
                    det.mask(), det.coarsePose(), keepRejected);
        }).toList();
        List<PoseResult> out = new ArrayList<>();
        for (PoseResult r : all) {
            if (r != null && r.score() >= config.minScore) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * The pose of one instance of {@code model} whose visible pixels are {@code mask}: the building block for
     * callers that have a region rather than a {@link Detection} (a segmenter checking a candidate region).
     *
     * @param depth        observed depth, mm
     * @param mask         the instance's pixels (frame-sized)
     * @param coarsePose   an extra start pose (t in mm), or null
     * @param keepRejected also return the hypotheses not chosen
     * @return the pose and its verification score, or null when the region holds too little depth
     */
    public PoseResult estimateInstance(PpfModel model, DepthImage depth, CameraIntrinsics camera, Mask mask,
            RigidTransform coarsePose, boolean keepRejected) {
        return estimateOne(new Workspace(config), 0, model, depth, camera, null, mask, coarsePose, keepRejected);
    }

    /**
     * {@link #estimateInstance(PpfModel, DepthImage, CameraIntrinsics, Mask, RigidTransform, boolean)} that also uses
     * the frame's colours to separate poses the shape cannot, when the model has colours.
     */
    public PoseResult estimateInstance(PpfModel model, RgbdFrame frame, Mask mask, RigidTransform coarsePose,
            boolean keepRejected) {
        return estimateOne(new Workspace(config), 0, model, frame.depth(), frame.camera(), frame.rgb(), mask,
                coarsePose, keepRejected);
    }

    /**
     * Finds instances of {@code model} in a whole frame or a region that may hold several objects (no mask per
     * instance): votes with reference points spread over the region, refines the strongest pose clusters by ICP on
     * the depth around each, verifies them against depth alone ({@link PoseScorer} without a mask) and keeps the
     * best ones that do not overlap. Use {@link PoseOps#visibleMask} to turn a found pose into an instance mask.
     *
     * @param depth        observed depth, mm
     * @param region       pixels to search, or null for the whole image
     * @param maxInstances most instances returned
     * @param minScore     verification score (depth-only {@link PoseScore#score()}) an instance needs
     * @return instances, best first; two instances are never closer than half the diameter
     */
    public List<ScoredPose> findInstances(PpfModel model, DepthImage depth, CameraIntrinsics camera, Mask region,
            int maxInstances, double minScore) {
        ConfigPpf search = new ConfigPpf().setTo(config.ppf);
        search.maxReferencePoints = config.searchReferencePoints;
        search.maxClusters = config.searchHypotheses;
        SceneCloud voting = votingCloud(model, depth, camera, region);
        if (voting.size() < 3) {
            return List.of();
        }
        List<PoseCandidate> cands = new PpfMatcher(search).match(model, voting, voting);
        // one dense cloud of the region; each hypothesis refines on the part of it around the model
        int valid = countValid(depth, region);
        int stride = (int) Math.max(1, Math.floor(Math.sqrt(valid / 60000.0)));
        SceneCloud dense = SceneCloud.fromDepth(depth, camera, region, null, stride, normalRadius(model));
        PointToPlaneIcp icp = new PointToPlaneIcp(config.icp);
        PoseScorer scorer = new PoseScorer(config.score).setObservation(depth, camera, null);
        double[] b = model.bounds();
        double[] centre = {(b[0] + b[3]) / 2, (b[1] + b[4]) / 2, (b[2] + b[5]) / 2};
        double reach = 0.6 * model.diameterMm();
        List<ScoredPose> found = new ArrayList<>();
        for (PoseCandidate c : cands) {
            SceneCloud near = within(dense, c.modelToCamera().apply(centre[0], centre[1], centre[2]), reach);
            if (near.size() < 6) {
                continue;
            }
            IcpResult r = icp.refine(model, near, c.modelToCamera());
            found.add(new ScoredPose(r.modelToCamera(), scorer.score(model, r.modelToCamera()), STAGE_REFINED));
        }
        found.sort(Comparator.comparingDouble((ScoredPose s) -> s.score().score()).reversed());
        List<ScoredPose> kept = new ArrayList<>();
        for (ScoredPose s : found) {
            if (kept.size() >= maxInstances || s.score().score() < minScore) {
                break;
            }
            double[] p = s.modelToCamera().apply(centre[0], centre[1], centre[2]);
            boolean overlaps = false;
            for (ScoredPose k : kept) {
                double[] q = k.modelToCamera().apply(centre[0], centre[1], centre[2]);
                double dx = p[0] - q[0], dy = p[1] - q[1], dz = p[2] - q[2];
                overlaps |= Math.sqrt(dx * dx + dy * dy + dz * dz) < 0.5 * model.diameterMm();
            }
            if (!overlaps) {
                kept.add(s);
            }
        }
        return kept;
    }

    private static SceneCloud within(SceneCloud cloud, double[] c, double radius) {
        float[] p = cloud.points();
        int n = cloud.size(), m = 0;
        int[] keep = new int[n];
        double r2 = radius * radius;
        for (int i = 0; i < n; i++) {
            double dx = p[3 * i] - c[0], dy = p[3 * i + 1] - c[1], dz = p[3 * i + 2] - c[2];
            if (dx * dx + dy * dy + dz * dz <= r2) {
                keep[m++] = i;
            }
        }
        return cloud.select(keep, m);
    }

    /**
     * Scene points for voting against {@code model}: the depth pixels of {@code region} (null = whole image),
     * subsampled at the model's step with normals. Pass the same cloud, or its part that surely lies on the object,
     * as reference points to {@link PpfMatcher#match}.
     */
    public SceneCloud votingCloud(PpfModel model, DepthImage depth, CameraIntrinsics camera, Mask region) {
        double step = model.samplingStepMm();
        float zMed = medianDepth(depth, region);
        if (zMed <= 0) {
            return new SceneCloud(new float[0], new float[0], new int[0], depth.width());
        }
        int stride = (int) Math.max(1, Math.floor(0.5 * step * camera.fx() / zMed));
        return SceneCloud.fromDepth(depth, camera, region, null, stride, normalRadius(model))
                .voxelSubsample(step, config.ppf.normalClusterAngleDeg);
    }

    /**
     * Scene points for ICP and fine checks: the depth pixels of {@code region} (null = whole image), thinned to
     * about the finest ICP level's point budget, with normals.
     */
    public SceneCloud refinementCloud(PpfModel model, DepthImage depth, CameraIntrinsics camera, Mask region) {
        int valid = countValid(depth, region);
        int budget = config.icp.maxPoints[config.icp.maxPoints.length - 1];
        int stride = (int) Math.max(1, Math.floor(Math.sqrt(valid / (double) budget)));
        return SceneCloud.fromDepth(depth, camera, region, null, stride, normalRadius(model));
    }

    private double normalRadius(PpfModel model) {
        return Math.max(config.minNormalRadiusMm, config.normalRadiusRel * model.diameterMm());
    }

    private PoseResult estimateOne(Workspace ws, int detectionIndex, PpfModel model, DepthImage depth,
            CameraIntrinsics camera, RgbImage rgb, Mask mask, RigidTransform coarsePose, boolean keepRejected) {
        Mask grown = MaskOps.dilate(mask, config.maskDilationPx);
        SceneCloud voting = votingCloud(model, depth, camera, grown);
        SceneCloud refs = voting.inside(mask);
        if (refs.size() < 10) {
            refs = voting;
        }
        List<ScoredPose> hyps = new ArrayList<>();
        boolean useColor = rgb != null && model.denseColors() != null && config.colorTieMargin > 0;
        ws.scorer.setObservation(depth, camera, mask, useColor ? rgb : null);
        if (voting.size() >= 3) {
            List<PoseCandidate> cands = ws.matcher.match(model, voting, refs);
            for (PoseCandidate c : cands) {
                hyps.add(new ScoredPose(c.modelToCamera(), ws.scorer.score(model, c.modelToCamera()), STAGE_VOTING));
            }
        }
        if (coarsePose != null) {
            hyps.add(new ScoredPose(coarsePose, ws.scorer.score(model, coarsePose), STAGE_COARSE));
        }
        if (hyps.isEmpty()) {
            return null;
        }
        SceneCloud icpCloud = refinementCloud(model, depth, camera, grown);
        List<ScoredPose> refined = new ArrayList<>();
        // refine the strongest voting clusters (in vote order) and the coarse pose
        int n = 0;
        for (ScoredPose s : hyps) {
            if (n >= config.hypothesesToRefine && !STAGE_COARSE.equals(s.stage())) {
                continue;
            }
            n++;
            if (icpCloud.size() < 6) {
                break;
            }
            IcpResult r = ws.icp.refine(model, icpCloud, s.modelToCamera());
            refined.add(new ScoredPose(r.modelToCamera(), ws.scorer.score(model, r.modelToCamera()), STAGE_REFINED));
        }
        List<ScoredPose> all = new ArrayList<>(refined);
        all.addAll(hyps);
        all.sort(BY_SCORE);
        TieBreak tie = new TieBreak();
        ScoredPose best = chooseAmongTies(ws, model, depth, camera, grown, icpCloud, all, useColor, tie);
        List<PoseResult.Hypothesis> rejected = List.of();
        if (keepRejected) {
            // hypotheses that ICP took to the same pose are listed once; symmetric variants always (with their
            // symmetry), unless one is the answer
            rejected = new ArrayList<>();
            List<RigidTransform> listed = new ArrayList<>(List.of(best.modelToCamera()));
            for (ScoredPose s : all) {
                boolean variant = s.stage().startsWith(STAGE_SYMMETRY);
                boolean seen = s == best;
                for (int i = variant ? listed.size() : 0; i < listed.size() && !seen; i++) {
                    RigidTransform p = listed.get(i);
                    seen = p.translationDistanceTo(s.modelToCamera()) < 1
                            && Math.toDegrees(p.rotationAngleTo(s.modelToCamera())) < 1;
                }
                if (!seen) {
                    listed.add(s.modelToCamera());
                    rejected.add(new PoseResult.Hypothesis(s.modelToCamera(), s.score().score(), s.stage()));
                }
            }
        }
        return new PoseResult(detectionIndex, model.name(), best.modelToCamera(), best.score().score(), rejected,
                tie.report());
    }

    private static final Comparator<ScoredPose> BY_SCORE =
            Comparator.comparingDouble((ScoredPose s) -> s.score().score()).reversed();

    /**
     * Picks the answer from the scored hypotheses ({@code all}, best first; the symmetric variants of the best are
     * added to it): the best score, unless hypotheses within a margin of it tie and a cue other than the shape
     * separates them: colour first, then the upright prior among the symmetric variants.
     */
    private ScoredPose chooseAmongTies(Workspace ws, PpfModel model, DepthImage depth, CameraIntrinsics camera,
            Mask grown, SceneCloud icpCloud, List<ScoredPose> all, boolean useColor, TieBreak tie) {
        ScoredPose top = all.get(0);
        List<ScoredPose> group = new ArrayList<>(List.of(top));
        if (config.symmetryTieMargin > 0 && icpCloud.size() >= 6 && !model.approximateSymmetries().isEmpty()) {
            for (ApproximateSymmetries.Symmetry s : variantsToTry(model, useColor)) {
                IcpResult r = ws.variantIcp.refine(model, icpCloud, top.modelToCamera().compose(s.modelToModel()));
                group.add(new ScoredPose(r.modelToCamera(), ws.scorer.score(model, r.modelToCamera()),
                        STAGE_SYMMETRY + " " + s.label()));
            }
            all.addAll(group.subList(1, group.size()));
            all.sort(BY_SCORE);
            group.sort(BY_SCORE);
        }
        // the best of all; one of the group unless another hypothesis scores just the same (ICP took two starts to
        // one pose)
        ScoredPose lead = group.get(0).score().score() >= all.get(0).score().score() ? group.get(0) : all.get(0);
        tie.group = group;
        if (useColor) {
            // among near-equal shapes, the colours decide, when they differ at all
            int pick = -1;
            double best = Double.NaN, lowest = Double.NaN;
            for (int i = 0; i < all.size(); i++) {
                ScoredPose s = all.get(i);
                if (s.score().score() < lead.score().score() - config.colorTieMargin) {
                    break;
                }
                double c = s.score().colorAgreement();
                if (Double.isNaN(c)) {
                    continue; // too little of the model in sight to compare colours
                }
                if (pick < 0 || c > best) {
                    pick = i;
                    best = c;
                }
                lowest = Double.isNaN(lowest) ? c : Math.min(lowest, c);
            }
            if (pick >= 0 && best - lowest >= config.colorMinGain) {
                tie.reason = String.format(java.util.Locale.ROOT, "colour: agreement %.3f (the best score's %.3f, "
                        + "lowest %.3f)", best, lead.score().colorAgreement(), lowest);
                tie.chosen = all.get(pick);
                return all.get(pick);
            }
        }
        double[] up = config.uprightAxisVector();
        if (up == null || group.size() < 2 || group.get(0) != lead) {
            tie.reason = group.size() < 2 ? "" : up == null ? "score (upright prior off)" : "score";
            tie.chosen = lead;
            return lead;
        }
        List<ScoredPose> ties = new ArrayList<>();
        for (ScoredPose s : group) {
            if (s.score().score() >= lead.score().score() - config.symmetryTieMargin) {
                ties.add(s);
            }
        }
        tie.chosen = lead;
        if (ties.size() < 2) {
            tie.reason = "score (no variant within the tie margin)";
            return lead;
        }
        SupportPlane plane = SupportPlane.find(model, lead.modelToCamera(), depth, camera,
                MaskOps.dilate(grown, 3), config.supportRadiusRel);
        tie.plane = plane;
        if (plane == null) {
            tie.reason = "score (no support plane under the object)";
            return lead;
        }
        double leadUp = upness(lead, up, plane);
        double mostUp = leadUp;
        for (ScoredPose s : ties) {
            mostUp = Math.max(mostUp, upness(s, up, plane));
        }
        // of the variants about as upright as the most upright one (a box upright but turned round about its up
        // axis, say), the best-scoring one
        ScoredPose pick = lead;
        double pickUp = leadUp;
        for (ScoredPose s : ties) {
            double u = upness(s, up, plane);
            if (u >= mostUp - 0.1 && (pickUp < mostUp - 0.1 || s.score().score() > pick.score().score())) {
                pick = s;
                pickUp = u;
            }
        }
        if (pick != lead && pickUp - leadUp >= config.uprightMinGain) {
            tie.reason = String.format(java.util.Locale.ROOT, "upright: up axis along the support normal %.2f "
                    + "against %.2f", pickUp, leadUp);
            tie.chosen = pick;
            return pick;
        }
        tie.reason = String.format(java.util.Locale.ROOT,
                "score (upright prior undecided: best up %.2f against %.2f)", pickUp, leadUp);
        return lead;
    }

    /** Cosine between the model's up axis, posed, and the support plane's normal. */
    private static double upness(ScoredPose s, double[] up, SupportPlane plane) {
        double[] u = s.modelToCamera().rotate(up[0], up[1], up[2]);
        double[] n = plane.normal();
        return u[0] * n[0] + u[1] * n[1] + u[2] * n[2];
    }

    /** The symmetries whose variants are tried: discrete ones (half turns first), then continuous samples. */
    private List<ApproximateSymmetries.Symmetry> variantsToTry(PpfModel model, boolean useColor) {
        ApproximateSymmetries sym = model.approximateSymmetries();
        List<ApproximateSymmetries.Symmetry> out = new ArrayList<>();
        for (ApproximateSymmetries.Symmetry s : sym.discrete()) {
            if (s.label().startsWith("half-turn")) {
                out.add(s);
            }
        }
        for (ApproximateSymmetries.Symmetry s : sym.discrete()) {
            if (!s.label().startsWith("half-turn")) {
                out.add(s);
            }
        }
        if (useColor) {
            int n = config.continuousSymmetrySamples;
            for (ApproximateSymmetries.Axis a : sym.continuous()) {
                for (int k = 1; k < n; k++) {
                    double angle = 2 * Math.PI * k / n;
                    out.add(new ApproximateSymmetries.Symmetry(a.rotation(angle),
                            String.format(java.util.Locale.ROOT, "continuous %.0f deg", Math.toDegrees(angle)),
                            a.excessMm()));
                }
            }
        }
        return out.size() > config.maxSymmetryVariants ? out.subList(0, config.maxSymmetryVariants) : out;
    }

    /** What the tie-break saw and did, for {@link PoseResult#decision()}. */
    private static final class TieBreak {
        List<ScoredPose> group = List.of();
        ScoredPose chosen;
        SupportPlane plane;
        String reason = "";

        String report() {
            if (group.size() < 2) {
                return "";
            }
            StringBuilder sb = new StringBuilder();
            sb.append("variants of the best pose:");
            for (ScoredPose s : group) {
                sb.append(String.format(java.util.Locale.ROOT, " [%s score %.3f", s.stage(), s.score().score()));
                if (!Double.isNaN(s.score().colorAgreement())) {
                    sb.append(String.format(java.util.Locale.ROOT, " colour %.3f", s.score().colorAgreement()));
                }
                if (s == chosen) {
                    sb.append(" chosen");
                }
                sb.append(']');
            }
            if (plane != null) {
                double[] n = plane.normal();
                sb.append(String.format(java.util.Locale.ROOT, "; support normal (%.2f, %.2f, %.2f), %d/%d points",
                        n[0], n[1], n[2], plane.inliers(), plane.points()));
            }
            sb.append("; decided by ").append(reason);
            return sb.toString();
        }
    }

    private static float medianDepth(DepthImage depth, Mask region) {
        float[] mm = depth.mm();
        boolean[] bits = region != null ? region.bits() : null;
        int n = 0;
        for (int i = 0; i < mm.length; i++) {
            if (mm[i] > 0 && (bits == null || bits[i])) {
                n++;
            }
        }
        float[] v = new float[n];
        n = 0;
        for (int i = 0; i < mm.length; i++) {
            if (mm[i] > 0 && (bits == null || bits[i])) {
                v[n++] = mm[i];
            }
        }
        if (n == 0) {
            return 0;
        }
        java.util.Arrays.sort(v, 0, n);
        return v[n / 2];
    }

    private static int countValid(DepthImage depth, Mask region) {
        float[] mm = depth.mm();
        boolean[] bits = region != null ? region.bits() : null;
        int n = 0;
        for (int i = 0; i < mm.length; i++) {
            if (mm[i] > 0 && (bits == null || bits[i])) {
                n++;
            }
        }
        return n;
    }

    /** Per-call scratch state. */
    private static final class Workspace {
        final PpfMatcher matcher;
        final PointToPlaneIcp icp;
        final PointToPlaneIcp variantIcp;
        final PoseScorer scorer;

        Workspace(ConfigWeightFreePose config) {
            matcher = new PpfMatcher(config.ppf);
            icp = new PointToPlaneIcp(config.icp);
            variantIcp = new PointToPlaneIcp(briefIcp(config.icp));
            scorer = new PoseScorer(config.score);
        }

        /** The finest two levels of the ICP, fewer iterations: a variant starts close to where it belongs. */
        static ConfigIcp briefIcp(ConfigIcp full) {
            ConfigIcp c = new ConfigIcp().setTo(full);
            int levels = full.maxPoints.length, from = Math.max(0, levels - 2);
            c.maxPoints = java.util.Arrays.copyOfRange(full.maxPoints, from, levels);
            c.maxDistanceRel = java.util.Arrays.copyOfRange(full.maxDistanceRel, from, levels);
            c.maxIterationsPerLevel = Math.min(full.maxIterationsPerLevel, 8);
            return c;
        }
    }
}
