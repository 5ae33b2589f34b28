package io.sam6d.vision.djl.segmentation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import ai.djl.Device;
import ai.djl.repository.zoo.ZooModel;
import io.sam6d.vision.detection.Detection;
import io.sam6d.vision.detection.SegmentationResult;
import io.sam6d.vision.djl.ConfigTorchScript;
import io.sam6d.vision.djl.ContractViolationException;
import io.sam6d.vision.djl.EngineInfo;
import io.sam6d.vision.djl.ModelSetupException;
import io.sam6d.vision.djl.PredictorPool;
import io.sam6d.vision.djl.TorchRuntime;
import io.sam6d.vision.djl.TorchScriptLoader;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.model.ObjectModel;
import io.sam6d.vision.model.PreparedModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Instance segmentation by a TorchScript network (SAM-6D's ISM exported with {@code torch.jit}), run through DJL's
 * PyTorch engine on the CPU or a GPU.
 *
 * <h2>Tensor contract {@value #CONTRACT}</h2>
 * The module has two methods. All tensors are float32 unless said otherwise; lengths are in <b>metres</b> (SAM-6D's
 * networks work in metres; the engine converts from and to the suite's millimetres); colours are R, G, B in 0..1,
 * <b>not</b> mean/std normalised (normalise inside the module, e.g. ImageNet's mean and std for DINOv2).
 * <pre>
 * encode_templates(rgb  [V, 3, S, S]   template crops, 0..1, black outside the object
 *                  mask [V, 1, S, S])  1 on the object, 0 elsewhere
 *     -&gt; Tensor [V, D]                 one descriptor per template view
 *
 * forward(rgb          [1, 3, H, W]    the frame, 0..1
 *         depth        [1, 1, H, W]    depth along the optical axis, metres, 0 where unknown
 *         cam_k        [1, 3, 3]       pinhole intrinsics of the frame, pixels
 *         descriptors  [V, D])         encode_templates' output for the object looked for
 *     -&gt; (masks [N, H, W] (or [N, 1, H, W]) float in 0..1 (or bool / 0-1 integers),
 *         scores [N] in 0..1, higher is better,
 *         view_ids [N] int64, optional: the best template view of each mask, an index into the V views)
 * </pre>
 * {@code encode_templates} runs once per object ({@link #prepare}, cached by the caller) on the object's templates
 * {@code rgb_<i>.png} / {@code mask_<i>.png}: each view is cropped to a square about its mask's bounding box, resized
 * to S × S ({@link ConfigIsmTorchScript#templateSize}, 224 by default) and its colour multiplied by the mask.
 * {@code forward} runs once per object and frame at the frame's own resolution; N may be 0.
 *
 * <h2>From outputs to detections</h2>
 * Mask values at or above {@link ConfigIsmTorchScript#maskThreshold} (0.5) are inside; empty masks are dropped.
 * Each remaining mask becomes a {@link Detection} of the object with the network's score, the mask's tight bounding
 * box {@code [x, y, w, h]} and, when {@code view_ids} is given, the template view ({@code i} of
 * {@code rgb_<i>.png}) with the detection's score. No coarse pose. Detections of all objects are sorted by score.
 *
 * <p>At load the module is run once on a synthetic 640×480 frame and two templates; a file that does not follow the
 * contract fails there with a {@link ContractViolationException} naming the method and the tensor at fault.
 * Thread-safe: predictors are pooled ({@link ConfigTorchScript#predictors}). Close it to free native memory.
 */
public final class DjlSegmenter implements TorchScriptSegmenter {

    private static final Logger log = LoggerFactory.getLogger(DjlSegmenter.class);

    public static final String NAME = "djl";
    public static final String CONTRACT = "sam6d-ism/1";

    private final ConfigIsmTorchScript config;
    private final ZooModel<FrameTranslator.Input, FrameTranslator.Output> model;
    private final PredictorPool<FrameTranslator.Input, FrameTranslator.Output> frames;
    private final PredictorPool<IsmInputs.Templates, float[][]> templates;
    private EngineInfo info;

    private DjlSegmenter(ConfigIsmTorchScript config, ZooModel<FrameTranslator.Input, FrameTranslator.Output> model) {
        this.config = config;
        this.model = model;
        this.frames = new PredictorPool<>(config.predictors, model::newPredictor);
        TemplateTranslator tt = new TemplateTranslator();
        this.templates = new PredictorPool<>(config.predictors, () -> model.newPredictor(tt));
    }

    /**
     * Loads the model, checks it against the contract on a probe input and returns the engine.
     *
     * @throws ModelSetupException        when the file is missing, not TorchScript or refused by libtorch
     * @throws ContractViolationException when the module does not follow {@value #CONTRACT}
     */
    public static DjlSegmenter load(ConfigIsmTorchScript config) {
        config.checkValidity();
        ConfigIsmTorchScript cfg = new ConfigIsmTorchScript().setTo(config);
        TorchRuntime.engine(); // libtorch's own start-up (seconds, once per JVM) is not the model's load time
        long start = System.nanoTime();
        Device device = TorchRuntime.device(cfg.device);
        DjlSegmenter engine = new DjlSegmenter(cfg, TorchScriptLoader.load(cfg.modelPath, device,
                FrameTranslator.Input.class, FrameTranslator.Output.class, new FrameTranslator(cfg.maskThreshold)));
        try {
            engine.probe();
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        engine.info = EngineInfo.of(NAME, CONTRACT, cfg, device, ms, Map.of());
        log.info("ISM TorchScript model {} loaded on {} in {} ms", engine.info.modelPath(), engine.info.device(), ms);
        return engine;
    }

    /** Runs both methods once on synthetic inputs, so an off-contract model fails at start-up. */
    private void probe() {
        int s = config.templateSize, s2 = s * s;
        float[] rgb = new float[2 * 3 * s2];
        float[] mask = new float[2 * s2];
        Arrays.fill(rgb, 0.5f);
        for (int v = 0; v < 2; v++) {
            for (int y = s / 4; y < 3 * s / 4; y++) {
                for (int x = s / 4; x < 3 * s / 4; x++) {
                    mask[v * s2 + y * s + x] = 1f;
                }
            }
        }
        float[][] desc;
        try {
            desc = templates.predict(new IsmInputs.Templates(new int[] {0, 1}, s, rgb, mask));
        } catch (ContractViolationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ContractViolationException(CONTRACT + ": encode_templates(rgb [2,3," + s + "," + s
                    + "], mask [2,1," + s + "," + s + "]) failed: " + TorchScriptLoader.rootMessage(e));
        }
        if (desc.length != 2) {
            throw new ContractViolationException(CONTRACT + ": encode_templates must return one descriptor per view"
                    + " (2 given), got " + desc.length);
        }
        int w = 640, h = 480;
        float[] frameRgb = new float[3 * w * h];
        float[] depth = new float[w * h];
        Arrays.fill(frameRgb, 0.5f);
        Arrays.fill(depth, 0.8f);
        float[] camK = {600, 0, 319.5f, 0, 600, 239.5f, 0, 0, 1};
        try {
            frames.predict(new FrameTranslator.Input(new IsmInputs.Frame(w, h, frameRgb, depth, camK), desc));
        } catch (ContractViolationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ContractViolationException(CONTRACT + ": forward(rgb [1,3,480,640], depth [1,1,480,640],"
                    + " cam_k [1,3,3], descriptors [2," + desc[0].length + "]) failed: "
                    + TorchScriptLoader.rootMessage(e));
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EngineInfo info() {
        return info;
    }

    /**
     * Encodes the object's templates with {@code encode_templates}.
     *
     * @throws io.sam6d.vision.djl.ObjectNotUsableException when the object has no usable templates
     */
    @Override
    public PreparedModel prepare(ObjectModel model) {
        IsmInputs.Templates t = IsmInputs.templates(model.name(), model.templateDir(), config.templateSize,
                config.maxTemplates);
        float[][] desc = templates.predict(t);
        if (desc.length != t.count()) {
            throw new ContractViolationException(CONTRACT + ": encode_templates returned " + desc.length
                    + " descriptors for " + t.count() + " views");
        }
        return new Prepared(model, t.viewIds(), desc);
    }

    @Override
    public SegmentationResult segment(RgbdFrame frame, List<PreparedModel> models) {
        IsmInputs.Frame f = IsmInputs.frame(frame);
        List<Detection> detections = new ArrayList<>();
        int n = f.width() * f.height();
        for (PreparedModel pm : models) {
            if (!(pm instanceof Prepared p)) {
                throw new IllegalArgumentException("model " + pm.model().name() + " was not prepared by the "
                        + NAME + " segmenter");
            }
            FrameTranslator.Output out = frames.predict(new FrameTranslator.Input(f, p.descriptors()));
            for (int i = 0; i < out.count(); i++) {
                Mask mask = new Mask(f.width(), f.height(), Arrays.copyOfRange(out.masks(), i * n, (i + 1) * n));
                if (mask.area() == 0) {
                    continue;
                }
                double score = Math.max(0, Math.min(1, out.scores()[i]));
                List<Detection.TemplateMatch> views = out.views() == null ? List.of()
                        : List.of(new Detection.TemplateMatch(p.viewIds()[(int) out.views()[i]], score));
                detections.add(new Detection(p.model().name(), score, mask, mask.bbox(), views, null));
            }
        }
        detections.sort(Comparator.comparingDouble(Detection::score).reversed());
        return new SegmentationResult(detections, List.of());
    }

    @Override
    public void close() {
        frames.close();
        templates.close();
        model.close();
    }

    /** An object's template descriptors ({@code [V][D]}) and which template file each view came from. */
    record Prepared(ObjectModel model, int[] viewIds, float[][] descriptors) implements PreparedModel {
        @Override
        public long memoryBytes() {
            return 64L + 4L * viewIds.length + (long) descriptors.length * (16 + 4L * descriptors[0].length);
        }
    }
}
