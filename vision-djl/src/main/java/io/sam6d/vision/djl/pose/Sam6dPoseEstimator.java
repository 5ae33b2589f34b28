package io.sam6d.vision.djl.pose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.sam6d.vision.detection.Detection;
import io.sam6d.vision.djl.ContractViolationException;
import io.sam6d.vision.djl.EngineInfo;
import io.sam6d.vision.djl.ObjectInputs;
import io.sam6d.vision.djl.ObjectNotUsableException;
import io.sam6d.vision.djl.Tensors;
import io.sam6d.vision.djl.TorchModule;
import io.sam6d.vision.djl.TorchScriptManifest;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.model.ObjectModel;
import io.sam6d.vision.model.PreparedModel;
import io.sam6d.vision.pose.PoseResult;
import io.sam6d.vision.render.TemplateView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SAM-6D's Pose Estimation Model on a {@value #CONTRACT} export (tools/export-sam6d), run through DJL on the CPU or a
 * GPU.
 *
 * <p>Per object, once ({@link #prepare}, cached by the caller): points sampled on the CAD surface (their largest
 * distance from the origin is the radius SAM-6D scales by) and the object's features from its rendered templates
 * ({@code encode_object} over up to {@link ConfigPemTorchScript#templateViews} views: each view's masked square crop
 * and a random choice of its masked pixels with their model-frame points from {@code xyz_<i>.npy}).
 *
 * <p>Per request, all detections of prepared objects in batches of {@link ConfigPemTorchScript#maxBatch}: the
 * observed points and crop as SAM-6D prepares them ({@link Sam6dPemInputs}), the object's cached features, and the
 * uniform samples of the coarse stage's pose hypotheses (seeded, so an answer repeats). The pose is {@code R},
 * {@code t × 1000} (mm); the score is the network's pose score times the detection's score, as SAM-6D reports it.
 *
 * <p>Thread-safe; at most {@link ConfigPemTorchScript#predictors} requests use the device at once.
 */
public final class Sam6dPoseEstimator implements TorchScriptPoseEstimator {

    private static final Logger log = LoggerFactory.getLogger(Sam6dPoseEstimator.class);

    public static final String NAME = "djl";
    public static final String CONTRACT = "sam6d-pem/2";

    private final ConfigPemTorchScript config;
    private final TorchModule module;
    private final int crop;
    private final int observed;
    private final int modelPoints;
    private final int templatePoints;
    private final int objectPoints;
    private final int featureDim;
    private final int hypotheses;
    private final AtomicLong objectsEncoded = new AtomicLong();
    private EngineInfo info;

    private Sam6dPoseEstimator(ConfigPemTorchScript config, TorchModule module, TorchScriptManifest manifest) {
        this.config = config;
        this.module = module;
        this.crop = manifest.size("crop_size");
        this.observed = manifest.size("observed_points");
        this.modelPoints = manifest.size("model_points");
        this.templatePoints = manifest.size("template_points");
        this.objectPoints = manifest.size("object_points");
        this.featureDim = manifest.size("feature_dim");
        this.hypotheses = manifest.size("coarse_hypotheses");
    }

    static Sam6dPoseEstimator load(ConfigPemTorchScript config, TorchScriptManifest manifest) {
        ConfigPemTorchScript cfg = new ConfigPemTorchScript().setTo(config);
        TorchModule.Probed<Sam6dPoseEstimator> p = TorchModule.loadProbed(cfg,
                module -> new Sam6dPoseEstimator(cfg, module, manifest), Sam6dPoseEstimator::probe);
        Sam6dPoseEstimator engine = p.engine();
        engine.info = EngineInfo.of(NAME, CONTRACT, cfg, p.device(), p.loadTimeMs(), manifest.details(cfg.modelPath,
                Map.of("network", "sam-6d pem " + manifest.text("pem_type"))));
        log.info("PEM {} model {} loaded on {} in {} ms", CONTRACT, engine.info.modelPath(), engine.info.device(),
                p.loadTimeMs());
        return engine;
    }

    /** Both methods once: two grey templates of a 10 cm patch, then one detection of it at 0.6 m. */
    private void probe() {
        Random rnd = new Random(0);
        int t = 2, s2 = crop * crop;
        long[] temChoose = new long[t * templatePoints];
        float[] temPts = new float[t * templatePoints * 3];
        for (int i = 0; i < temChoose.length; i++) {
            temChoose[i] = rnd.nextInt(s2);
            temPts[3 * i] = rnd.nextFloat() * 0.1f - 0.05f;
            temPts[3 * i + 1] = rnd.nextFloat() * 0.1f - 0.05f;
            temPts[3 * i + 2] = rnd.nextFloat() * 0.02f;
        }
        float[] temRgb = new float[t * 3 * s2];
        java.util.Arrays.fill(temRgb, 0.5f);
        float[][] features = encode(temRgb, temChoose, temPts, t);
        float[] points = new float[observed * 3];
        long[] choose = new long[observed];
        for (int i = 0; i < observed; i++) {
            points[3 * i] = temPts[3 * (i % templatePoints)];
            points[3 * i + 1] = temPts[3 * (i % templatePoints) + 1];
            points[3 * i + 2] = temPts[3 * (i % templatePoints) + 2] + 0.6f;
            choose[i] = temChoose[i % templatePoints];
        }
        float[] model = java.util.Arrays.copyOf(temPts, modelPoints * 3);
        run(1, points, java.util.Arrays.copyOf(temRgb, 3 * s2), choose, model, features[0], features[1], 0);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EngineInfo info() {
        return info;
    }

    /** Objects whose template features were computed (once per {@link #prepare}). */
    public long objectsEncoded() {
        return objectsEncoded.get();
    }

    /**
     * Samples the surface and computes the object's features from its templates.
     *
     * @throws ObjectNotUsableException when the object has no usable template set
     */
    @Override
    public PreparedModel prepare(ObjectModel model) {
        float[] surface = ObjectInputs.modelPointsM(model.mesh(), modelPoints, config.seed);
        List<TemplateView> views = ObjectInputs.templateViews(model.name(), model.templateDir(),
                config.templateViews);
        Random rnd = new Random(config.seed);
        List<Sam6dPemInputs.Crop> crops = new ArrayList<>();
        for (TemplateView v : views) {
            Sam6dPemInputs.Crop c;
            try {
                c = Sam6dPemInputs.template(v.readRgb(), v.readMask(), v.readXyzMm(), crop, templatePoints, rnd);
            } catch (RuntimeException e) {
                throw new ObjectNotUsableException("template " + v.id() + " of '" + model.name()
                        + "' cannot be read: " + e.getMessage());
            }
            if (c != null) {
                crops.add(c);
            }
        }
        if (crops.isEmpty()) {
            throw new ObjectNotUsableException("'" + model.name() + "' has no template view with a non-empty mask");
        }
        int t = crops.size(), s2 = crop * crop;
        float[] rgb = new float[t * 3 * s2];
        long[] choose = new long[t * templatePoints];
        float[] pts = new float[t * templatePoints * 3];
        for (int i = 0; i < t; i++) {
            Sam6dPemInputs.Crop c = crops.get(i);
            System.arraycopy(c.rgb(), 0, rgb, i * 3 * s2, 3 * s2);
            System.arraycopy(c.choose(), 0, choose, i * templatePoints, templatePoints);
            System.arraycopy(c.pointsM(), 0, pts, i * templatePoints * 3, templatePoints * 3);
        }
        float[][] features = encode(rgb, choose, pts, t);
        objectsEncoded.incrementAndGet();
        return new Prepared(model, surface, ObjectInputs.radius(surface), features[0], features[1]);
    }

    /** encode_object: {points [Nf*3], features [Nf*C]}. */
    private float[][] encode(float[] rgb, long[] choose, float[] pts, int t) {
        String c = CONTRACT + " encode_object";
        return module.run(m -> {
            NDList out = TorchModule.checked(CONTRACT,
                    "encode_object(tem_rgb [" + t + ",3," + crop + "," + crop + "], tem_choose [" + t + ","
                    + templatePoints + "] int64, tem_pts [" + t + "," + templatePoints + ",3])", () -> module.call(
                            "encode_object", m.create(rgb, new Shape(t, 3, crop, crop)),
                            m.create(choose, new Shape(t, templatePoints)),
                            m.create(pts, new Shape(t, templatePoints, 3))));
            if (out.size() != 2) {
                throw new ContractViolationException(c + " must return (points [Nf,3], features [Nf,C]); got "
                        + Tensors.describe(out));
            }
            Tensors.requireShape(c, "points", out.get(0), objectPoints, 3);
            Tensors.requireShape(c, "features", out.get(1), objectPoints, featureDim);
            return new float[][] {Tensors.floats(c, "points", out.get(0)), Tensors.floats(c, "features",
                    out.get(1))};
        });
    }

    @Override
    public List<PoseResult> estimate(RgbdFrame frame, List<Detection> detections, List<PreparedModel> models,
            boolean keepRejected) {
        Observations<Prepared, Sam6dPemInputs.Crop> o = new Observations<>(detections, models, Prepared.class,
                CONTRACT, (i, d, p) -> Sam6dPemInputs.observe(frame, d.mask(), p.radiusM(), crop, observed,
                        new Random(config.seed + i)));
        return o.inBatches(config.maxBatch, (index, crops) -> batch(detections, o.byName, index, crops));
    }

    private List<PoseResult> batch(List<Detection> detections, Map<String, Prepared> byName, List<Integer> index,
            List<Sam6dPemInputs.Crop> observations) {
        int b = index.size(), s2 = crop * crop;
        float[] points = new float[b * observed * 3];
        float[] rgb = new float[b * 3 * s2];
        long[] choose = new long[b * observed];
        float[] model = new float[b * modelPoints * 3];
        float[] objPts = new float[b * objectPoints * 3];
        float[] objFeats = new float[b * objectPoints * featureDim];
        for (int k = 0; k < b; k++) {
            Sam6dPemInputs.Crop o = observations.get(k);
            Prepared p = byName.get(detections.get(index.get(k)).objectName());
            System.arraycopy(o.pointsM(), 0, points, k * observed * 3, observed * 3);
            System.arraycopy(o.rgb(), 0, rgb, k * 3 * s2, 3 * s2);
            System.arraycopy(o.choose(), 0, choose, k * observed, observed);
            System.arraycopy(p.modelPointsM(), 0, model, k * modelPoints * 3, modelPoints * 3);
            System.arraycopy(p.objectPointsM(), 0, objPts, k * objectPoints * 3, objectPoints * 3);
            System.arraycopy(p.objectFeatures(), 0, objFeats, k * objectPoints * featureDim,
                    objectPoints * featureDim);
        }
        float[][] out = run(b, points, rgb, choose, model, objPts, objFeats, index.get(0));
        List<PoseResult> results = new ArrayList<>();
        for (int k = 0; k < b; k++) {
            int i = index.get(k);
            double[] r = new double[9];
            for (int j = 0; j < 9; j++) {
                r[j] = out[0][9 * k + j];
            }
            double[] t = {out[1][3 * k] * 1000.0, out[1][3 * k + 1] * 1000.0, out[1][3 * k + 2] * 1000.0};
            RigidTransform pose = DjlPoseEstimator.rotation(r, t, i);
            if (pose == null) {
                continue;
            }
            double score = Math.max(0, Math.min(1, out[2][k])) * Math.max(0, Math.min(1, detections.get(i).score()));
            results.add(new PoseResult(i, detections.get(i).objectName(), pose, score, List.of()));
        }
        return results;
    }

    /** forward on one batch: {R [B*9], t [B*3] metres, score [B]}. */
    private float[][] run(int b, float[] points, float[] rgb, long[] choose, float[] model, float[] objPts,
            float[] objFeats, long seed) {
        Random rnd = new Random(config.seed * 31 + seed);
        float[] uniform = new float[b * 3 * hypotheses];
        for (int i = 0; i < uniform.length; i++) {
            uniform[i] = rnd.nextFloat();
        }
        String c = CONTRACT + " forward";
        return module.run(m -> {
            NDList out = TorchModule.checked(CONTRACT,
                    "forward(points [" + b + "," + observed + ",3], rgb [" + b + ",3," + crop + "," + crop
                    + "], rgb_choose [" + b + "," + observed + "] int64, model_points [" + b + "," + modelPoints
                    + ",3], object_points [" + b + "," + objectPoints + ",3], object_features [" + b + ","
                    + objectPoints + "," + featureDim + "], uniform [" + b + "," + 3 * hypotheses + "])",
                    () -> module.call("forward", inputs(m, b, points, rgb, choose, model, objPts, objFeats, uniform)));
            if (out.size() != 3) {
                throw new ContractViolationException(c + " must return (R [B,3,3], t [B,3], score [B]); got "
                        + Tensors.describe(out));
            }
            Tensors.requireShape(c, "R", out.get(0), b, 3, 3);
            Tensors.requireShape(c, "t", out.get(1), b, 3);
            Tensors.requireShape(c, "score", out.get(2), b);
            return new float[][] {Tensors.floats(c, "R", out.get(0)), Tensors.floats(c, "t", out.get(1)),
                Tensors.floats(c, "score", out.get(2))};
        });
    }

    private ai.djl.ndarray.NDArray[] inputs(NDManager m, int b, float[] points, float[] rgb, long[] choose,
            float[] model, float[] objPts, float[] objFeats, float[] uniform) {
        return new ai.djl.ndarray.NDArray[] {
            m.create(points, new Shape(b, observed, 3)),
            m.create(rgb, new Shape(b, 3, crop, crop)),
            m.create(choose, new Shape(b, observed)),
            m.create(model, new Shape(b, modelPoints, 3)),
            m.create(objPts, new Shape(b, objectPoints, 3)),
            m.create(objFeats, new Shape(b, objectPoints, featureDim)),
            m.create(uniform, new Shape(b, 3L * hypotheses))};
    }

    @Override
    public void close() {
        module.close();
    }

    /**
     * @param modelPointsM   {@code [Nm, 3]} surface points, metres
     * @param radiusM        their largest distance from the model's origin
     * @param objectPointsM  {@code [Nf, 3]} from encode_object, metres
     * @param objectFeatures {@code [Nf, C]}
     */
    record Prepared(ObjectModel model, float[] modelPointsM, float radiusM, float[] objectPointsM,
            float[] objectFeatures) implements PreparedModel {
        @Override
        public long memoryBytes() {
            return 128L + 4L * (modelPointsM.length + objectPointsM.length + objectFeatures.length);
        }
    }
}
