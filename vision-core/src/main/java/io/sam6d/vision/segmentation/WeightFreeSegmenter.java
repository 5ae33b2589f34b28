package io.sam6d.vision.segmentation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.sam6d.vision.detection.Detection;
import io.sam6d.vision.detection.SegmentationResult;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.model.Deadline;
import io.sam6d.vision.model.ObjectModel;
import io.sam6d.vision.model.PreparedModel;

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
        DepthScene scene = new DepthScene(frame, config, maxDiameter);
        List<Found> all = new ArrayList<>();
        for (WeightFreeModel m : prepared) {
            Deadline.checkCurrent();
            for (Verification.Result r : new InstanceMatcher(scene, m, config).find()) {
                if (r.score >= minScore) {
                    all.add(new Found(m, r));
                }
            }
        }
        // one region is one object: the weaker of two overlapping detections goes, whichever objects they name
        all.sort(Comparator.comparingDouble((Found f) -> -f.result.score));
        List<Found> kept = new ArrayList<>();
        for (Found f : all) {
            boolean dup = false;
            int sameObject = 0;
            for (Found k : kept) {
                if (k.model == f.model) {
                    sameObject++;
                }
                if (f.result.iou(k.result) > config.duplicateIou) {
                    dup = true;
                    break;
                }
            }
            if (!dup && sameObject < maxPerObject) {
                kept.add(f);
            }
        }
        List<Detection> detections = new ArrayList<>();
        for (Found f : kept) {
            detections.add(toDetection(f, frame.width(), frame.height()));
        }
        return new SegmentationResult(List.copyOf(detections), List.copyOf(warnings));
    }

    private static Detection toDetection(Found f, int width, int height) {
        Verification.Result r = f.result;
        Mask mask = new Mask(width, height, r.frameMask(width, height));
        List<Detection.TemplateMatch> views = f.model.nearestViews(r.r, r.t, 5);
        return new Detection(f.model.model.name(), r.score, mask, r.bbox(), views,
                new RigidTransform(r.r, r.t));
    }

    private record Found(WeightFreeModel model, Verification.Result result) {
    }
}
