package io.sam6d.vision.pose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.model.ObjectModel;
import io.sam6d.vision.model.PreparedModel;
import io.sam6d.vision.segmentation.Detection;

/**
 * 6D pose from depth and the CAD model, without learned weights. For each detection: point-pair-feature voting
 * ({@link PpfMatcher}) between the model and the depth points inside the (slightly grown) mask gives pose clusters;
 * the best of them (and the detection's coarse pose, when it has one) are refined by point-to-plane ICP
 * ({@link PointToPlaneIcp}) and verified against depth and mask ({@link PoseScorer}); the best-scoring pose wins.
 *
 * <p>Thread-safe: every call works on its own buffers. Models must come from this engine's {@link #prepare}.
 */
public final class WeightFreePoseEstimator implements PoseEstimator {

    /** Stage names reported with hypotheses. */
    public static final String STAGE_VOTING = "ppf";
    public static final String STAGE_COARSE = "coarse";
    public static final String STAGE_REFINED = "icp";

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
        Workspace ws = new Workspace(config);
        List<PoseResult> out = new ArrayList<>();
        for (int d = 0; d < detections.size(); d++) {
            Detection det = detections.get(d);
            PpfModel model = byName.get(det.objectName());
            if (model == null || det.mask() == null) {
                continue;
            }
            PoseResult r = estimateOne(ws, d, model, frame.depth(), frame.camera(), det.mask(), det.coarsePose(),
                    keepRejected);
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
        return estimateOne(new Workspace(config), 0, model, depth, camera, mask, coarsePose, keepRejected);
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
            CameraIntrinsics camera, Mask mask, RigidTransform coarsePose, boolean keepRejected) {
        Mask grown = MaskOps.dilate(mask, config.maskDilationPx);
        SceneCloud voting = votingCloud(model, depth, camera, grown);
        SceneCloud refs = voting.inside(mask);
        if (refs.size() < 10) {
            refs = voting;
        }
        List<Scored> hyps = new ArrayList<>();
        ws.scorer.setObservation(depth, camera, mask);
        if (voting.size() >= 3) {
            List<PoseCandidate> cands = ws.matcher.match(model, voting, refs);
            for (PoseCandidate c : cands) {
                hyps.add(new Scored(c.modelToCamera(), ws.scorer.score(model, c.modelToCamera()), STAGE_VOTING));
            }
        }
        if (coarsePose != null) {
            hyps.add(new Scored(coarsePose, ws.scorer.score(model, coarsePose), STAGE_COARSE));
        }
        if (hyps.isEmpty()) {
            return null;
        }
        SceneCloud icpCloud = refinementCloud(model, depth, camera, grown);
        List<Scored> refined = new ArrayList<>();
        // refine the strongest voting clusters (in vote order) and the coarse pose
        int n = 0;
        for (Scored s : hyps) {
            if (n >= config.hypothesesToRefine && !STAGE_COARSE.equals(s.stage)) {
                continue;
            }
            n++;
            if (icpCloud.size() < 6) {
                break;
            }
            IcpResult r = ws.icp.refine(model, icpCloud, s.pose);
            refined.add(new Scored(r.modelToCamera(), ws.scorer.score(model, r.modelToCamera()), STAGE_REFINED));
        }
        List<Scored> all = new ArrayList<>(refined);
        all.addAll(hyps);
        all.sort(Comparator.comparingDouble((Scored s) -> s.score.score()).reversed());
        Scored best = all.get(0);
        List<PoseResult.Hypothesis> rejected = List.of();
        if (keepRejected) {
            rejected = new ArrayList<>();
            for (int i = 1; i < all.size(); i++) {
                Scored s = all.get(i);
                rejected.add(new PoseResult.Hypothesis(s.pose, s.score.score(), s.stage));
            }
        }
        return new PoseResult(detectionIndex, model.name(), best.pose, best.score.score(), rejected);
    }

    private static float medianDepth(DepthImage depth, Mask region) {
        float[] mm = depth.mm();
        boolean[] bits = region != null ? region.bits() : null;
        float[] v = new float[mm.length];
        int n = 0;
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

    private record Scored(RigidTransform pose, PoseScore score, String stage) {
    }

    /** Per-call scratch state. */
    private static final class Workspace {
        final PpfMatcher matcher;
        final PointToPlaneIcp icp;
        final PoseScorer scorer;

        Workspace(ConfigWeightFreePose config) {
            matcher = new PpfMatcher(config.ppf);
            icp = new PointToPlaneIcp(config.icp);
            scorer = new PoseScorer(config.score);
        }
    }
}
