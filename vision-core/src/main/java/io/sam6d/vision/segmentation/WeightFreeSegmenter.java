package io.sam6d.vision.segmentation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sam6d.vision.detection.Detection;
import io.sam6d.vision.detection.SegmentationResult;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.model.Deadline;
import io.sam6d.vision.model.ObjectModel;
import io.sam6d.vision.model.PreparedModel;
import io.sam6d.vision.pose.ConfigPpf;
import io.sam6d.vision.pose.PpfMatcher;
import io.sam6d.vision.pose.SceneCloud;

/**
 * Instance segmentation of known objects without learned weights, on the CPU: a weight-free analogue of SAM-6D's
 * instance segmentation model.
 *
 * <ol>
 * <li>Proposals from depth (class-agnostic, like SAM's): the frame is back-projected, normals estimated, the
 * supporting plane found by RANSAC and removed with everything beyond it, and the rest split into connected
 * surfaces at depth steps and, at a finer level, at concave folds where objects touch.</li>
 * <li>Matching (like ISM's template scores): each proposal of a plausible size for an object seeds a search over
 * the object's templates (views rendered once in {@link #prepare}, at many in-plane angles), scored by depth and
 * normal agreement with free-space violations counted against; the best poses are refined by local search.</li>
 * <li>Verification: the model is rendered at the pose and compared pixel by pixel (depth fit, free space, normals,
 * whether the outline sits on a surface boundary, colour when the model has vertex colours). The mask is the
 * rendered silhouette's depth-consistent pixels, so objects that touch others get their own outline.</li>
 * </ol>
 * Thread-safe: all per-frame state is local to {@link #segment}.
 */
public final class WeightFreeSegmenter implements Segmenter {

    /** The engine name reported in responses. */
    public static final String NAME = "weight-free";

    private final ConfigWeightFreeSegmentation config;

    /** With the default {@link ConfigWeightFreeSegmentation}. */
    public WeightFreeSegmenter() {
        this(new ConfigWeightFreeSegmentation());
    }

    /** @param config copied; later changes to it have no effect */
    public WeightFreeSegmenter(ConfigWeightFreeSegmentation config) {
        config.checkValidity();
        this.config = config.copy();
    }

    @Override
    public String name() {
        return NAME;
    }

    /** {@link ConfigWeightFreeSegmentation#minScore}. */
    @Override
    public double defaultScoreThreshold() {
        return config.minScore;
    }

    /** A copy of the settings in use. */
    public ConfigWeightFreeSegmentation config() {
        return config.copy();
    }

    /**
     * Samples the model's surface and renders its templates from {@code viewCount} directions. Works from the mesh
     * alone (triangles or a bare point set); {@link ObjectModel#templateDir()} is not needed.
     */
    @Override
    public PreparedModel prepare(ObjectModel model) {
        return WeightFreeModel.build(model, config);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Warnings: no or little valid depth, and a median depth implausible for the objects' size (with the likely
     * fix of the depth scale). In the last case no search is made and the result has no detections.
     *
     * @throws IllegalArgumentException when a model was not prepared by this engine
     */
    @Override
    public SegmentationResult segment(RgbdFrame frame, List<PreparedModel> models) {
        return segment(frame, models, config.minScore, config.maxDetectionsPerObject);
    }

    /**
     * As {@link #segment(RgbdFrame, List)} with a request's own threshold and cap.
     *
     * @param minScore      detections scoring below are dropped (0..1)
     * @param maxPerObject  at most this many detections per object
     */
    @Override
    public SegmentationResult segment(RgbdFrame frame, List<PreparedModel> models, double minScore,
            int maxPerObject) {
        List<WeightFreeModel> prepared = new ArrayList<>();
        for (PreparedModel pm : models) {
            if (!(pm instanceof WeightFreeModel wm)) {
                throw new IllegalArgumentException("model " + (pm == null ? "null" : pm.model().name())
                        + " was not prepared by the " + NAME + " segmenter");
            }
            prepared.add(wm);
        }
        if (prepared.isEmpty()) {
            return new SegmentationResult(List.of(), List.of());
        }
        double minDiameter = Double.MAX_VALUE, maxDiameter = 0;
        for (WeightFreeModel m : prepared) {
            minDiameter = Math.min(minDiameter, m.diameterMm);
            maxDiameter = Math.max(maxDiameter, m.diameterMm);
        }
        List<String> warnings = DepthSanity.check(frame, minDiameter, maxDiameter);
        if (!warnings.isEmpty() && DepthSanity.implausible(frame, minDiameter, maxDiameter)) {
            // nothing sensible can be found at a scale off by powers of ten: say so instead of guessing
            return new SegmentationResult(List.of(), List.copyOf(warnings));
        }
        Map<String, Double> stages = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        DepthScene scene = new DepthScene(frame, config, WeightFreeModel.widestFace(prepared));
        stages.put("scene", (System.nanoTime() - t0) / 1e9);
        Deadline.checkCurrent();
        List<Found> candidates = candidates(scene, prepared, stages);
        long t1 = System.nanoTime();
        List<Found> kept = SceneInterpretation.select(candidates, frame.width(), frame.height(), minScore,
                maxPerObject, config.maxSharedMask);
        List<Detection> detections = new ArrayList<>();
        for (Found f : kept) {
            detections.add(toDetection(f, frame.width(), frame.height()));
        }
        stages.put("interpretation", (System.nanoTime() - t1) / 1e9);
        return new SegmentationResult(List.copyOf(detections), List.copyOf(warnings), stages);
    }

    /**
     * Every verified pose of every object, before the threshold and before objects compete for pixels. First the
     * proposals (connected surfaces) are matched; then, where no pose verified on them explains the surface, the
     * whole scene is searched without proposals (objects that touch, lie on or hide behind others).
     */
    List<Found> candidates(DepthScene scene, List<WeightFreeModel> prepared) {
        return candidates(scene, prepared, new LinkedHashMap<>());
    }

    /** As {@link #candidates(DepthScene, List)}, adding the seconds of each stage to {@code stages}. */
    private List<Found> candidates(DepthScene scene, List<WeightFreeModel> prepared, Map<String, Double> stages) {
        long t0 = System.nanoTime();
        List<InstanceMatcher> matchers = prepared.stream().map(m -> new InstanceMatcher(scene, m, config)).toList();
        List<Found> all = new ArrayList<>();
        for (Map.Entry<InstanceMatcher, List<Verification.Result>> e : matchProposals(matchers).entrySet()) {
            for (Verification.Result r : e.getKey().distinct(e.getValue())) {
                all.add(scored(e.getKey(), r));
            }
        }
        stages.put("proposals", (System.nanoTime() - t0) / 1e9);
        if (!config.sceneWide) {
            return all;
        }
        long t1 = System.nanoTime();
        boolean[] explained = explained(scene, all);
        if (config.skipFlatBackground) {
            markFlatBackground(scene, prepared, explained);
        }
        SceneCloud surface = scene.surfaceCloud();
        int[] surfaceLabel = surfaceLabels(scene);
        all.addAll(stream(matchers).flatMap(matcher -> {
            WeightFreeModel m = matcher.model();
            SceneCloud voting = surface.voxelSubsample(m.ppf.samplingStepMm(), config.ppf.normalClusterAngleDeg);
            SceneCloud references = fairReferences(voting, explained, surfaceLabel, config.sceneReferencePoints,
                    config.sceneReferenceFairShare);
            if (references.size() < config.minSceneReferences) {
                return java.util.stream.Stream.<Found>empty();
            }
            ConfigPpf vote = new ConfigPpf().setTo(config.ppf);
            vote.maxReferencePoints = config.sceneReferencePoints;
            vote.maxClusters = config.sceneClusters;
            return matcher.findSceneWide(voting, references, new PpfMatcher(vote)).stream()
                    .map(r -> scored(matcher, r));
        }).toList());
        stages.put("scene-wide", (System.nanoTime() - t1) / 1e9);
        return all;
    }

    /**
     * Every object's template search on every proposal it could be; then, per proposal, only the objects whose
     * templates fit it nearly as well as the best one's ({@link ConfigWeightFreeSegmentation#rivalTemplateRatio},
     * at most {@link ConfigWeightFreeSegmentation#objectsPerProposal}) are refined and verified there: one region
     * is mostly one object, and with many objects asked the refinement is most of the work.
     */
    private Map<InstanceMatcher, List<Verification.Result>> matchProposals(List<InstanceMatcher> matchers) {
        List<List<InstanceMatcher.Screened>> screened = stream(matchers).map(InstanceMatcher::screen).toList();
        record Pair(InstanceMatcher matcher, InstanceMatcher.Screened screened) {
        }
        Map<Segment, List<Pair>> pairs = new LinkedHashMap<>();
        for (int i = 0; i < matchers.size(); i++) {
            for (InstanceMatcher.Screened sc : screened.get(i)) {
                pairs.computeIfAbsent(sc.segment(), k -> new ArrayList<>()).add(new Pair(matchers.get(i), sc));
            }
        }
        List<Pair> kept = new ArrayList<>();
        for (List<Pair> rivals : pairs.values()) {
            rivals.sort(java.util.Comparator.comparingDouble((Pair p) -> -p.screened().best()));
            double best = rivals.get(0).screened().best();
            for (int k = 0; k < rivals.size() && k < config.objectsPerProposal; k++) {
                if (rivals.get(k).screened().best() >= config.rivalTemplateRatio * best) {
                    kept.add(rivals.get(k));
                }
            }
        }
        Map<InstanceMatcher, List<Verification.Result>> found = new LinkedHashMap<>();
        matchers.forEach(m -> found.put(m, new ArrayList<>()));
        List<Map.Entry<InstanceMatcher, Verification.Result>> results = (config.parallel ? kept.parallelStream()
                : kept.stream()).map(p -> Map.entry(p.matcher(), p.matcher().match(p.screened())))
                .filter(e -> e.getValue() != null).toList();
        results.forEach(e -> found.get(e.getKey()).add(e.getValue()));
        return found;
    }

    private java.util.stream.Stream<InstanceMatcher> stream(List<InstanceMatcher> matchers) {
        return config.parallel ? matchers.parallelStream() : matchers.stream();
    }

    /**
     * A verified pose with the score it competes with at scene level. One whose surface normals disagree with the
     * scene's ({@link ConfigWeightFreeSegmentation#minNormalAgreement}) scores 0: a shape laid over edges and seams
     * it does not have.
     */
    private Found scored(InstanceMatcher matcher, Verification.Result r) {
        r.score = r.normalAgreement < config.minNormalAgreement ? 0 : matcher.sceneScore(r);
        return new Found(matcher.model(), r);
    }

    /**
     * Pixels explained by the poses that win on the proposals alone, grown by a few pixels (the depth right at an
     * object's outline belongs to it too).
     */
    boolean[] explained(DepthScene scene, List<Found> found) {
        int w = scene.width, h = scene.height;
        boolean[] mask = new boolean[w * h];
        for (Found f : SceneInterpretation.select(found, w, h, config.minScore, config.maxDetectionsPerObject,
                config.maxSharedMask)) {
            Verification.Result r = f.result();
            for (int v = 0; v < r.h; v++) {
                for (int u = 0; u < r.w; u++) {
                    if (r.mask[v * r.w + u]) {
                        mask[(r.v0 + v) * w + r.u0 + u] = true;
                    }
                }
            }
        }
        return io.sam6d.vision.image.MaskOps.dilate(new Mask(w, h, mask), 3).bits();
    }

    /**
     * Marks as explained the surfaces no asked object can be part of: connected surfaces larger than every asked
     * object and flat (a wall, a shelf board, a box side behind the objects). Their points would take most of the
     * scene-wide vote's reference points, and the votes they collect only ever fit a face of an object into them.
     */
    void markFlatBackground(DepthScene scene, List<WeightFreeModel> prepared, boolean[] explained) {
        double maxD = 0;
        for (WeightFreeModel m : prepared) {
            maxD = Math.max(maxD, m.diameterMm);
        }
        for (Segment seg : scene.segments) {
            if (seg.level != 0) {
                continue;
            }
            double[] ext = seg.extents();
            if (ext[0] > 1.2 * maxD && ext[2] < config.flatBackgroundMm) {
                for (int i : seg.pixels) {
                    explained[i] = true;
                }
            }
        }
    }

    /**
     * The surface each pixel belongs to, as finely as the scene was cut (a fine piece split at concave folds where
     * there is one, else its depth-connected surface), -1 for none.
     */
    static int[] surfaceLabels(DepthScene scene) {
        int[] label = new int[scene.width * scene.height];
        java.util.Arrays.fill(label, -1);
        for (int level = 0; level <= 1; level++) {
            for (int k = 0; k < scene.segments.size(); k++) {
                Segment seg = scene.segments.get(k);
                if (seg.level == level) {
                    for (int i : seg.pixels) {
                        label[i] = k;
                    }
                }
            }
        }
        return label;
    }

    /**
     * At most {@code budget} of the unexplained points of {@code cloud}: a part ({@code 1 - fairShare}) spread evenly
     * over all of them, so each surface gets its share by area, the rest shared out among the surfaces max-min fairly
     * (every surface gets as many as the largest ones, or all of its own that are left): a small visible piece of an
     * occluded object keeps its points instead of losing them to walls and bins. Every unexplained point when there
     * are no more than {@code budget}. In cloud order.
     */
    static SceneCloud fairReferences(SceneCloud cloud, boolean[] explained, int[] surfaceLabel, int budget,
            double fairShare) {
        int[] pix = cloud.pixels();
        int[] cand = new int[cloud.size()];
        int nc = 0;
        for (int i = 0; i < cloud.size(); i++) {
            if (pix[i] >= 0 && !explained[pix[i]]) {
                cand[nc++] = i;
            }
        }
        boolean[] take = new boolean[cloud.size()];
        int even = nc <= budget ? nc : (int) Math.round(budget * (1 - fairShare));
        for (int k = 0; k < even; k++) {
            take[cand[(int) ((long) k * nc / even)]] = true;
        }
        Map<Integer, List<Integer>> bySurface = new LinkedHashMap<>();
        for (int c = 0; c < nc; c++) {
            if (!take[cand[c]]) {
                bySurface.computeIfAbsent(surfaceLabel[pix[cand[c]]], k -> new ArrayList<>()).add(cand[c]);
            }
        }
        List<List<Integer>> groups = new ArrayList<>(bySurface.values());
        groups.sort(java.util.Comparator.comparingInt(List::size));
        int left = Math.max(0, budget - even), n = even;
        for (int g = 0; g < groups.size(); g++) {
            List<Integer> members = groups.get(g);
            int share = Math.min(members.size(), left / (groups.size() - g));
            for (int k = 0; k < share; k++) {
                take[members.get((int) ((long) k * members.size() / share))] = true;
            }
            left -= share;
            n += share;
        }
        int[] keep = new int[n];
        for (int i = 0, k = 0; i < take.length; i++) {
            if (take[i]) {
                keep[k++] = i;
            }
        }
        return cloud.select(keep, n);
    }

    private static Detection toDetection(Found f, int width, int height) {
        Verification.Result r = f.result;
        Mask mask = new Mask(width, height, r.frameMask(width, height));
        List<Detection.TemplateMatch> views = f.model.nearestViews(r.r, r.t, 5);
        return new Detection(f.model.model.name(), r.score, mask, r.bbox(), views,
                new RigidTransform(r.r, r.t));
    }

    /** A verified pose of one of the asked objects. */
    record Found(WeightFreeModel model, Verification.Result result) {
    }
}
