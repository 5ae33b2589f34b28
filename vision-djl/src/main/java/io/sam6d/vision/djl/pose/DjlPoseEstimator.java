package io.sam6d.vision.djl.pose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.djl.Device;
import ai.djl.repository.zoo.ZooModel;
import io.sam6d.vision.detection.Detection;
import io.sam6d.vision.djl.ConfigTorchScript;
import io.sam6d.vision.djl.ContractViolationException;
import io.sam6d.vision.djl.EngineInfo;
import io.sam6d.vision.djl.ModelSetupException;
import io.sam6d.vision.djl.ObjectInputs;
import io.sam6d.vision.djl.PredictorPool;
import io.sam6d.vision.djl.TorchRuntime;
import io.sam6d.vision.djl.TorchScriptLoader;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.model.ObjectModel;
import io.sam6d.vision.model.PreparedModel;
import io.sam6d.vision.pose.PoseResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 6D pose estimation by a TorchScript network (SAM-6D's PEM exported with {@code torch.jit}), run through DJL's
 * PyTorch engine on the CPU or a GPU.
 *
 * <h2>Tensor contract {@value #CONTRACT}</h2>
 * One method, all detections of a request in one batch of B (split by {@link ConfigPemTorchScript#maxBatch}).
 * float32 unless said otherwise; lengths in <b>metres</b> (as SAM-6D's PEM; the engine converts from and to the
 * suite's millimetres); colours R, G, B in 0..1, <b>not</b> mean/std normalised (normalise inside the module).
 * <pre>
 * forward(points        [B, Np, 3]     observed points of each detection in the camera frame, metres
 *         rgb           [B, 3, S, S]   colour crop of each detection's box, 0..1
 *         rgb_choose    [B, Np] int64  pixel of each observed point in its crop: row * S + col
 *         model_points  [B, Nm, 3])    points on the object's CAD surface, model frame, metres
 *     -&gt; (R     [B, 3, 3]   rotation model to camera, rows first: x_cam = R x_model + t
 *         t     [B, 3]      translation, metres
 *         score [B] (or [B, 1])  confidence 0..1, higher is better)
 * </pre>
 * Np = {@link ConfigPemTorchScript#observedPoints} (2048), Nm = {@link ConfigPemTorchScript#modelPoints} (1024),
 * S = {@link ConfigPemTorchScript#cropSize} (224), SAM-6D's values. Observed points are the masked pixels with depth,
 * back-projected with the frame's intrinsics; points farther than {@link ConfigPemTorchScript#outlierRadii} object
 * radii from their per-axis median are dropped, the rest sampled (seeded; repeated when fewer than Np). The crop is the
 * mask's bounding box resized to S × S. Model points are sampled once per object ({@link #prepare}).
 *
 * <h2>From outputs to poses</h2>
 * Each row becomes a {@link PoseResult} with {@code t} × 1000 (mm), {@code R} as given (re-orthonormalised when it is
 * off by less than 0.05; a row further off, or a reflection, gets no result and a log line) and the score clamped
 * to 0..1. Detections with fewer than {@link ConfigPemTorchScript#minPoints} depth points, or whose object was not
 * prepared, get no result. No rejected hypotheses are reported.
 *
 * <p>At load the module is run once on a synthetic batch of one; a file that does not follow the contract fails
 * there with a {@link ContractViolationException}. Thread-safe: predictors are pooled
 * ({@link ConfigTorchScript#predictors}). Close it to free native memory.
 */
public final class DjlPoseEstimator implements TorchScriptPoseEstimator {

    private static final Logger log = LoggerFactory.getLogger(DjlPoseEstimator.class);

    public static final String NAME = "djl";
    public static final String CONTRACT = "sam6d-pem/1";

    private final ConfigPemTorchScript config;
    private final ZooModel<PemTranslator.Batch, PemTranslator.Poses> model;
    private final PredictorPool<PemTranslator.Batch, PemTranslator.Poses> predictors;
    private EngineInfo info;

    private DjlPoseEstimator(ConfigPemTorchScript config, ZooModel<PemTranslator.Batch, PemTranslator.Poses> model) {
        this.config = config;
        this.model = model;
        this.predictors = new PredictorPool<>(config.predictors, model::newPredictor);
    }

    /**
     * Loads the model, checks it against the contract on a probe input and returns the engine.
     *
     * @throws ModelSetupException        when the file is missing, not TorchScript or refused by libtorch
     * @throws ContractViolationException when the module does not follow {@value #CONTRACT}
     */
    public static DjlPoseEstimator load(ConfigPemTorchScript config) {
        config.checkValidity();
        ConfigPemTorchScript cfg = new ConfigPemTorchScript().setTo(config);
        TorchRuntime.engine(); // libtorch's own start-up (seconds, once per JVM) is not the model's load time
        long start = System.nanoTime();
        Device device = TorchRuntime.device(cfg.device);
        DjlPoseEstimator engine = new DjlPoseEstimator(cfg, TorchScriptLoader.load(cfg.modelPath, device,
                PemTranslator.Batch.class, PemTranslator.Poses.class, new PemTranslator()));
        try {
            engine.probe();
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        engine.info = EngineInfo.of(NAME, CONTRACT, cfg, device, ms, Map.of());
        log.info("PEM TorchScript model {} loaded on {} in {} ms", engine.info.modelPath(), engine.info.device(), ms);
        return engine;
    }

    /** One synthetic detection: a 10 cm patch of points at 0.6 m and a small cube of model points. */
    private void probe() {
        int np = config.observedPoints, nm = config.modelPoints, s = config.cropSize;
        float[] points = new float[3 * np];
        long[] choose = new long[np];
        for (int i = 0; i < np; i++) {
            points[3 * i] = -0.05f + 0.1f * (i % 64) / 63f;
            points[3 * i + 1] = -0.05f + 0.1f * ((i / 64) % 64) / 63f;
            points[3 * i + 2] = 0.6f;
            choose[i] = i % (s * s);
        }
        float[] modelPts = new float[3 * nm];
        for (int i = 0; i < nm; i++) {
            modelPts[3 * i] = 0.05f * ((i & 1) * 2 - 1);
            modelPts[3 * i + 1] = 0.05f * ((i >> 1 & 1) * 2 - 1);
            modelPts[3 * i + 2] = 0.05f * ((i >> 2 & 1) * 2 - 1);
        }
        float[] rgb = new float[3 * s * s];
        java.util.Arrays.fill(rgb, 0.5f);
        try {
            predictors.predict(new PemTranslator.Batch(1, np, nm, s, points, rgb, choose, modelPts));
        } catch (ContractViolationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ContractViolationException(CONTRACT + ": forward(points [1," + np + ",3], rgb [1,3," + s + ","
                    + s + "], rgb_choose [1," + np + "] int64, model_points [1," + nm + ",3]) failed: "
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

    /** Samples the model's surface (metres). */
    @Override
    public PreparedModel prepare(ObjectModel model) {
        return new Prepared(model, ObjectInputs.modelPointsM(model.mesh(), config.modelPoints, config.seed));
    }

    @Override
    public List<PoseResult> estimate(RgbdFrame frame, List<Detection> detections, List<PreparedModel> models,
            boolean keepRejected) {
        Observations<Prepared, PemInputs.Observation> o = new Observations<>(detections, models, Prepared.class,
                NAME, (i, d, p) -> PemInputs.observe(frame, d.mask(), p.model().diameterMm() / 2, config,
                        config.seed + i));
        return o.inBatches(config.maxBatch, (index, observed) -> run(detections, o.byName, index, observed));
    }

    private List<PoseResult> run(List<Detection> detections, Map<String, Prepared> byName, List<Integer> index,
            List<PemInputs.Observation> observed) {
        int b = index.size(), np = config.observedPoints, nm = config.modelPoints, s = config.cropSize;
        float[] points = new float[b * np * 3];
        float[] rgb = new float[b * 3 * s * s];
        long[] choose = new long[b * np];
        float[] modelPts = new float[b * nm * 3];
        for (int k = 0; k < b; k++) {
            PemInputs.Observation o = observed.get(k);
            System.arraycopy(o.pointsM(), 0, points, k * np * 3, np * 3);
            System.arraycopy(o.rgb(), 0, rgb, k * 3 * s * s, 3 * s * s);
            System.arraycopy(o.rgbChoose(), 0, choose, k * np, np);
            float[] mp = byName.get(detections.get(index.get(k)).objectName()).modelPointsM();
            System.arraycopy(mp, 0, modelPts, k * nm * 3, nm * 3);
        }
        PemTranslator.Poses poses = predictors.predict(
                new PemTranslator.Batch(b, np, nm, s, points, rgb, choose, modelPts));
        List<PoseResult> out = new ArrayList<>();
        for (int k = 0; k < b; k++) {
            int i = index.get(k);
            double[] r = new double[9];
            for (int j = 0; j < 9; j++) {
                r[j] = poses.rotation()[9 * k + j];
            }
            double[] t = {poses.translation()[3 * k] * 1000.0, poses.translation()[3 * k + 1] * 1000.0,
                poses.translation()[3 * k + 2] * 1000.0};
            RigidTransform pose = rotation(r, t, i);
            if (pose == null) {
                continue;
            }
            double score = Math.max(0, Math.min(1, poses.score()[k]));
            out.add(new PoseResult(i, detections.get(i).objectName(), pose, score, List.of()));
        }
        return out;
    }

    /** The pose, re-orthonormalised when R is nearly a rotation; null when it is not one. */
    static RigidTransform rotation(double[] r, double[] t, int detection) {
        double err = 0;
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double dot = r[3 * a] * r[3 * b] + r[3 * a + 1] * r[3 * b + 1] + r[3 * a + 2] * r[3 * b + 2];
                err = Math.max(err, Math.abs(dot - (a == b ? 1 : 0)));
            }
        }
        double det = r[0] * (r[4] * r[8] - r[5] * r[7]) - r[1] * (r[3] * r[8] - r[5] * r[6])
                + r[2] * (r[3] * r[7] - r[4] * r[6]);
        if (err > 0.05 || det <= 0) {
            log.warn("detection {}: the network's R is not a rotation (|R R^T - I| = {}, det = {}), no pose",
                    detection, err, det);
            return null;
        }
        RigidTransform pose = new RigidTransform(r, t);
        return err > 1e-6 ? pose.orthonormalized() : pose;
    }

    @Override
    public void close() {
        predictors.close();
        model.close();
    }

    /** Model points {@code [Nm, 3]}, metres. */
    record Prepared(ObjectModel model, float[] modelPointsM) implements PreparedModel {
        @Override
        public long memoryBytes() {
            return 64L + 4L * modelPointsM.length;
        }
    }
}
