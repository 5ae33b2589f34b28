package io.sam6d.vision.djl.segmentation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.sam6d.vision.detection.Detection;
import io.sam6d.vision.detection.SegmentationResult;
import io.sam6d.vision.djl.ContractViolationException;
import io.sam6d.vision.djl.EngineInfo;
import io.sam6d.vision.djl.ObjectInputs;
import io.sam6d.vision.djl.ObjectNotUsableException;
import io.sam6d.vision.djl.Tensors;
import io.sam6d.vision.djl.TorchModule;
import io.sam6d.vision.djl.TorchScriptManifest;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.image.RgbImage;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.model.ObjectModel;
import io.sam6d.vision.model.PreparedModel;
import io.sam6d.vision.render.TemplateView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SAM-6D's Instance Segmentation Model on a {@value #CONTRACT} export (tools/export-sam6d: SAM and DINOv2), run
 * through DJL on the CPU or a GPU.
 *
 * <p>Per frame, for all asked objects at once: SAM's automatic mask generation ({@link SamMaskGenerator}: the image
 * encoded once, a grid of point prompts decoded in batches, IoU and stability filters, box NMS), SAM-6D's removal
 * of very small proposals, one DINOv2 pass over all proposals ({@link DescriptorCrops}), then SAM-6D's scores
 * ({@link Sam6dScores}): each proposal goes to the object whose templates its class token matches best (semantic
 * score, kept above {@link ConfigIsmTorchScript#semanticThresh}); its patch tokens are matched with those of that
 * object's best template (appearance score, visible ratio; {@code match_patches} on the device); the best template's
 * rotation at the proposal's depth centroid gives the geometric score; the final score is
 * {@code (semantic + appearance + geometric × visible) / (2 + visible)}; detections of one object overlapping more
 * than {@link ConfigIsmTorchScript#nmsThresh} are suppressed.
 *
 * <p>Per object, once ({@link #prepare}, cached by the caller): every template view's class and patch tokens, the
 * views' rotations from {@code views.json}, and points sampled on the CAD surface.
 *
 * <p>Thread-safe; at most {@link ConfigIsmTorchScript#predictors} requests use the device at once.
 */
public final class Sam6dSegmenter implements TorchScriptSegmenter {

    private static final Logger log = LoggerFactory.getLogger(Sam6dSegmenter.class);

    public static final String NAME = "djl";
    public static final String CONTRACT = "sam6d-ism/2";

    private final ConfigIsmTorchScript config;
    private final TorchModule module;
    private final int cropSize;
    private final int patches;
    private final int dim;
    private final AtomicLong imagesEncoded = new AtomicLong();
    private final AtomicLong objectsPrepared = new AtomicLong();
    private EngineInfo info;

    private Sam6dSegmenter(ConfigIsmTorchScript config, TorchModule module, TorchScriptManifest manifest) {
        this.config = config;
        this.module = module;
        this.cropSize = manifest.size("descriptor_size");
        this.patches = manifest.size("patches");
        this.dim = manifest.size("descriptor_dim");
    }

    /**
     * Loads the module and runs each of its methods once on synthetic inputs.
     *
     * @throws io.sam6d.vision.djl.ModelSetupException when the file cannot be loaded
     * @throws ContractViolationException              when a method is missing or answers off the contract
     */
    static Sam6dSegmenter load(ConfigIsmTorchScript config, TorchScriptManifest manifest) {
        ConfigIsmTorchScript cfg = new ConfigIsmTorchScript().setTo(config);
        TorchModule.Probed<Sam6dSegmenter> p = TorchModule.loadProbed(cfg,
                module -> new Sam6dSegmenter(cfg, module, manifest), Sam6dSegmenter::probe);
        Sam6dSegmenter engine = p.engine();
        engine.info = EngineInfo.of(NAME, CONTRACT, cfg, p.device(), p.loadTimeMs(), manifest.details(cfg.modelPath,
                Map.of("segmentor", "sam " + manifest.text("sam_type"), "descriptor", manifest.text("descriptor"))));
        log.info("ISM {} model {} loaded on {} in {} ms", CONTRACT, engine.info.modelPath(), engine.info.device(),
                p.loadTimeMs());
        return engine;
    }

    private void probe() {
        module.run(m -> {
            int w = 640, h = 480;
            NDArray rgb = m.full(new Shape(1, 3, h, w), 0.5f);
            NDArray embedding = single("encode_image(rgb [1,3,480,640])", () -> module.call("encode_image", rgb));
            if (embedding.getShape().dimension() != 4 || embedding.getShape().get(0) != 1) {
                throw new ContractViolationException(CONTRACT + ": encode_image must return [1, C, h, w], got "
                        + embedding.getShape());
            }
            decode(m, embedding, new float[] {320, 240, 100, 50}, w, h).close();
            int n = 2, s2 = cropSize * cropSize;
            Descriptors d = describe(m, n, (i, rgbOut, rgbOffset, maskOut, maskOffset) -> {
                java.util.Arrays.fill(rgbOut, rgbOffset, rgbOffset + 3 * s2, 0.5f);
                java.util.Arrays.fill(maskOut, maskOffset, maskOffset + s2 / 2, 1f);
            });
            NDList scores = TorchModule.checked(CONTRACT,
                    "match_patches(query [2," + patches + "," + dim + "], reference, threshold [1])",
                    () -> module.call("match_patches", d.patches(), d.patches(),
                            m.create(new float[] {(float) config.visibleThresh})));
            requireVectors("match_patches", scores, n, 2);
            return null;
        });
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EngineInfo info() {
        return info;
    }

    /** Frames whose image was encoded (once per segment call, whatever the number of objects). */
    public long imagesEncoded() {
        return imagesEncoded.get();
    }

    /** Objects whose templates were described (once per {@link #prepare}). */
    public long objectsPrepared() {
        return objectsPrepared.get();
    }

    /**
     * Describes the object's template views and samples its surface.
     *
     * @throws ObjectNotUsableException when the object has no usable template set
     */
    @Override
    public PreparedModel prepare(ObjectModel model) {
        List<TemplateView> views = ObjectInputs.templateViews(model.name(), model.templateDir(), config.maxTemplates);
        List<TemplateView> used = new ArrayList<>();
        List<RgbImage> images = new ArrayList<>();
        List<boolean[]> bits = new ArrayList<>();
        List<int[]> boxes = new ArrayList<>();
        for (TemplateView view : views) {
            RgbImage rgb;
            Mask mask;
            try {
                rgb = view.readRgb();
                mask = view.readMask();
            } catch (RuntimeException e) {
                throw new ObjectNotUsableException("template " + view.id() + " of '" + model.name()
                        + "' cannot be read: " + e.getMessage());
            }
            if (mask.area() == 0) {
                continue;
            }
            int[] box = mask.bbox();
            used.add(view);
            images.add(rgb);
            bits.add(mask.bits());
            // PIL's getbbox, as SAM-6D crops templates: right and bottom exclusive
            boxes.add(new int[] {box[0], box[1], box[0] + box[2], box[1] + box[3]});
        }
        if (used.isEmpty()) {
            throw new ObjectNotUsableException("'" + model.name() + "' has no template view with a non-empty mask");
        }
        int v = used.size();
        float[][] cls = new float[v][];
        float[] patchTokens = module.run(m -> {
            Descriptors d = describe(m, v, (i, rgbOut, rgbOffset, maskOut, maskOffset) ->
                    DescriptorCrops.cropResizePad(images.get(i).rgb(), bits.get(i), images.get(i).width(),
                            images.get(i).height(), boxes.get(i), cropSize, rgbOut, rgbOffset, maskOut, maskOffset));
            for (int i = 0; i < v; i++) {
                cls[i] = Sam6dScores.normalized(d.cls()[i]);
            }
            return d.patches().toFloatArray();
        });
        int[] ids = used.stream().mapToInt(TemplateView::id).toArray();
        double[][] rotations = used.stream().map(t -> t.modelToCamera().rotation()).toArray(double[][]::new);
        objectsPrepared.incrementAndGet();
        return new Prepared(model, ids, rotations, cls, patchTokens,
                ObjectInputs.modelPointsM(model.mesh(), config.modelPoints, config.seed));
    }

    @Override
    public SegmentationResult segment(RgbdFrame frame, List<PreparedModel> models) {
        List<Prepared> objects = new ArrayList<>();
        for (PreparedModel pm : models) {
            if (!(pm instanceof Prepared p)) {
                throw new IllegalArgumentException("model " + pm.model().name() + " was not prepared by the "
                        + CONTRACT + " segmenter");
            }
            objects.add(p);
        }
        if (objects.isEmpty()) {
            return new SegmentationResult(List.of(), List.of());
        }
        return module.run(m -> segment(m, frame, objects));
    }

    private SegmentationResult segment(NDManager m, RgbdFrame frame, List<Prepared> objects) {
        int w = frame.width(), h = frame.height();
        IsmInputs.Frame f = IsmInputs.frame(frame);
        NDArray embedding = module.call("encode_image", m.create(f.rgb(), new Shape(1, 3, h, w))).get(0);
        imagesEncoded.incrementAndGet();
        List<SamMaskGenerator.Proposal> proposals = new ArrayList<>();
        for (SamMaskGenerator.Proposal p : SamMaskGenerator.generate(config, w, h,
                points -> decode(m, embedding, points, w, h))) {
            if (Sam6dScores.bigEnough(p, w, h, config.minBoxSize, config.minMaskSize)) {
                proposals.add(p);
            }
        }
        if (proposals.isEmpty()) {
            return new SegmentationResult(List.of(), List.of());
        }
        int n = proposals.size();
        byte[] rgb = frame.rgb().rgb();
        Descriptors d = describe(m, n, (i, rgbOut, rgbOffset, maskOut, maskOffset) ->
                DescriptorCrops.cropResizePad(rgb, proposals.get(i).mask(), w, h, proposals.get(i).box(), cropSize,
                        rgbOut, rgbOffset, maskOut, maskOffset));
        float[][] query = new float[n][];
        for (int i = 0; i < n; i++) {
            query[i] = Sam6dScores.normalized(d.cls()[i]);
        }
        Sam6dScores.Semantic[] semantic = Sam6dScores.semantic(query, objects.stream().map(Prepared::cls).toList(),
                config.semanticTopK, config.semanticThresh);
        List<Integer> keptIdx = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (semantic[i].object() >= 0) {
                keptIdx.add(i);
            }
        }
        if (keptIdx.isEmpty()) {
            return new SegmentationResult(List.of(), List.of());
        }
        int k = keptIdx.size(), pd = patches * dim;
        float[] reference = new float[k * pd];
        for (int j = 0; j < k; j++) {
            Sam6dScores.Semantic s = semantic[keptIdx.get(j)];
            System.arraycopy(objects.get(s.object()).patches(), s.bestView() * pd, reference, j * pd, pd);
        }
        long[] rows = keptIdx.stream().mapToLong(Integer::longValue).toArray();
        NDList patchScores = module.call("match_patches", d.patches().get(new NDIndex("{}", m.create(rows))),
                m.create(reference, new Shape(k, patches, dim)),
                m.create(new float[] {(float) config.visibleThresh}));
        float[] appearance = Tensors.floats(CONTRACT, "match_patches appearance", patchScores.get(0));
        float[] visible = Tensors.floats(CONTRACT, "match_patches visible ratio", patchScores.get(1));

        Map<Integer, List<Integer>> byObject = new HashMap<>();
        List<Detection> scored = new ArrayList<>();
        List<int[]> boxes = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            SamMaskGenerator.Proposal p = proposals.get(keptIdx.get(j));
            Sam6dScores.Semantic s = semantic[keptIdx.get(j)];
            Prepared o = objects.get(s.object());
            double[] t = Sam6dScores.translationM(p.mask(), frame.depth().mm(), frame.camera(), w, h);
            double geometric = t == null ? 0 : BoxOps.iou(Sam6dScores.projectedBox(o.modelPointsM(),
                    o.rotations()[s.bestView()], t, frame.camera(), w, h), p.box());
            double score = Sam6dScores.finalScore(s.score(), appearance[j], geometric, visible[j]);
            log.debug("proposal {} -> {}: semantic {} appearance {} geometric {} visible {} final {}",
                    keptIdx.get(j), o.model().name(), s.score(), appearance[j], geometric, visible[j], score);
            Mask mask = new Mask(w, h, p.mask());
            byObject.computeIfAbsent(s.object(), x -> new ArrayList<>()).add(scored.size());
            scored.add(new Detection(o.model().name(), Math.max(0, Math.min(1, score)), mask, mask.bbox(),
                    List.of(new Detection.TemplateMatch(o.viewIds()[s.bestView()], s.bestViewScore())), null));
            boxes.add(p.box());
        }
        List<Detection> detections = new ArrayList<>();
        for (List<Integer> idx : byObject.values()) {
            double[] sc = idx.stream().mapToDouble(i -> scored.get(i).score()).toArray();
            for (int i : BoxOps.nms(idx.stream().map(boxes::get).toList(), sc, config.nmsThresh)) {
                detections.add(scored.get(idx.get(i)));
            }
        }
        detections.sort(Comparator.comparingDouble(Detection::score).reversed());
        return new SegmentationResult(detections, List.of());
    }

    /** decode_points for one batch; its outputs stay on the device until {@link SamMaskGenerator} is done. */
    private DecodedPoints decode(NDManager m, NDArray embedding, float[] pointsXy, int w, int h) {
        int b = pointsXy.length / 2;
        NDList out = TorchModule.checked(CONTRACT,
                "decode_points(embedding, points [" + b + ",2], frame_size [2] int64, thresholds [2])",
                () -> module.call("decode_points", embedding, m.create(pointsXy, new Shape(b, 2)),
                        m.create(new long[] {h, w}),
                        m.create(new float[] {0f, (float) config.stabilityScoreOffset})));
        String c = CONTRACT + " decode_points";
        if (out.size() != 4) {
            throw new ContractViolationException(c + " must return (masks, iou, stability, boxes); got " + out.size()
                    + " tensor(s): " + Tensors.describe(out));
        }
        Tensors.requireShape(c, "masks", out.get(0), b, 3, h, w);
        if (out.get(0).getDataType() != DataType.BOOLEAN) {
            throw new ContractViolationException(c + ": masks must be bool, got " + out.get(0).getDataType());
        }
        Tensors.requireShape(c, "iou", out.get(1), b, 3);
        Tensors.requireShape(c, "stability", out.get(2), b, 3);
        Tensors.requireShape(c, "boxes", out.get(3), b, 3, 4);
        long[] boxes = Tensors.longs(c, "boxes", out.get(3));
        return new DecodedPoints(out, Tensors.floats(c, "iou", out.get(1)), Tensors.floats(c, "stability",
                out.get(2)), java.util.Arrays.stream(boxes).mapToInt(Math::toIntExact).toArray(), m, b, w, h);
    }

    private record DecodedPoints(NDList out, float[] predictedIou, float[] stability, int[] boxes, NDManager m,
            int b, int w, int h) implements SamMaskGenerator.DecodedBatch {
        @Override
        public SamMaskGenerator.RetainedMasks retain(int[] indices) {
            NDArray kept = out.get(0).reshape(b * 3L, h, w).get(new NDIndex("{}", m.create(longs(indices))));
            return new SamMaskGenerator.RetainedMasks() {
                @Override
                public List<boolean[]> fetch(int[] positions) {
                    boolean[] bits = kept.get(new NDIndex("{}", m.create(longs(positions)))).toBooleanArray();
                    int n = w * h;
                    List<boolean[]> masks = new ArrayList<>(positions.length);
                    for (int i = 0; i < positions.length; i++) {
                        masks.add(java.util.Arrays.copyOfRange(bits, i * n, (i + 1) * n));
                    }
                    return masks;
                }

                @Override
                public void close() {
                    kept.close();
                }
            };
        }

        private static long[] longs(int[] v) {
            return java.util.Arrays.stream(v).asLongStream().toArray();
        }

        @Override
        public void close() {
            out.close();
        }
    }

    /** Class tokens ({@code [N][D]}, copied) and patch tokens ({@code [N, P, D]}, on the device). */
    private record Descriptors(float[][] cls, NDArray patches) {
    }

    /** Writes crop i's colour ({@code [3, S, S]} at {@code rgbOffset}) and mask ({@code [1, S, S]}). */
    private interface CropSource {
        void crop(int i, float[] rgb, int rgbOffset, float[] mask, int maskOffset);
    }

    /** describe over n crops, made chunk by chunk ({@link ConfigIsmTorchScript#descriptorBatch}). */
    private Descriptors describe(NDManager m, int n, CropSource source) {
        int s = cropSize, s2 = s * s;
        float[][] cls = new float[n][];
        List<NDArray> chunks = new ArrayList<>();
        for (int from = 0; from < n; from += config.descriptorBatch) {
            int c = Math.min(n, from + config.descriptorBatch) - from;
            float[] crops = new float[c * 3 * s2];
            float[] masks = new float[c * s2];
            for (int i = 0; i < c; i++) {
                source.crop(from + i, crops, i * 3 * s2, masks, i * s2);
            }
            NDArray rgb = m.create(crops, new Shape(c, 3, s, s));
            NDArray mask = m.create(masks, new Shape(c, 1, s, s));
            NDList out = TorchModule.checked(CONTRACT,
                    "describe(rgb [" + c + ",3," + s + "," + s + "], mask [" + c + ",1," + s + "," + s
                    + "])", () -> module.call("describe", rgb, mask));
            String what = CONTRACT + " describe";
            if (out.size() != 2) {
                throw new ContractViolationException(what + " must return (cls [N,D], patches [N,P,D]); got "
                        + Tensors.describe(out));
            }
            Tensors.requireShape(what, "cls", out.get(0), c, dim);
            Tensors.requireShape(what, "patches", out.get(1), c, patches, dim);
            float[] flat = Tensors.floats(what, "cls", out.get(0));
            for (int i = 0; i < c; i++) {
                cls[from + i] = java.util.Arrays.copyOfRange(flat, i * dim, (i + 1) * dim);
            }
            chunks.add(out.get(1));
            out.get(0).close();
            rgb.close();
            mask.close();
        }
        return new Descriptors(cls, chunks.size() == 1 ? chunks.get(0) : NDArrays.concat(new NDList(chunks), 0));
    }

    private static void requireVectors(String method, NDList out, int n, int count) {
        if (out.size() != count) {
            throw new ContractViolationException(CONTRACT + " " + method + " must return " + count
                    + " tensors [N]; got " + Tensors.describe(out));
        }
        for (NDArray a : out) {
            Tensors.requireShape(CONTRACT + " " + method, "each output", a, n);
            Tensors.floats(CONTRACT + " " + method, "each output", a);
        }
    }

    private static NDArray single(String call, java.util.function.Supplier<NDList> run) {
        NDList out = TorchModule.checked(CONTRACT, call, run);
        if (out.size() != 1) {
            throw new ContractViolationException(CONTRACT + ": " + call + " must return one tensor, got "
                    + Tensors.describe(out));
        }
        return out.get(0);
    }

    @Override
    public void close() {
        module.close();
    }

    /**
     * An object's template descriptors: normalised class tokens {@code [V][D]}, patch tokens {@code [V, P, D]}
     * flat, each view's rotation (model to camera, row-major) and file index, and surface points (metres).
     */
    record Prepared(ObjectModel model, int[] viewIds, double[][] rotations, float[][] cls, float[] patches,
            float[] modelPointsM) implements PreparedModel {
        @Override
        public long memoryBytes() {
            return 256L + 4L * patches.length + (long) cls.length * (16 + 4L * cls[0].length) + 4L * modelPointsM.length
                    + 96L * rotations.length;
        }
    }
}
