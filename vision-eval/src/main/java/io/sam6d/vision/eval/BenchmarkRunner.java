package io.sam6d.vision.eval;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.sam6d.vision.detection.Detection;
import io.sam6d.vision.detection.SegmentationResult;
import io.sam6d.vision.eval.bop.BopEstimate;
import io.sam6d.vision.eval.bop.BopResults;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.ImageFiles;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.image.RgbImage;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.io.bop.BopFrame;
import io.sam6d.vision.model.PreparedModel;
import io.sam6d.vision.pose.PoseEstimator;
import io.sam6d.vision.pose.PoseResult;
import io.sam6d.vision.segmentation.Segmenter;
import io.sam6d.vision.visualisation.Overlay;

/**
 * Runs a segmentation engine (ISM) and a pose engine (PEM) over the frames of a BOP dataset that have ground
 * truth, as the servers would run them, and scores what they return. Per frame: the objects of the frame's ground
 * truth (plus {@link ConfigBenchmark#absent} others) are queried; the segmentation engine's detections (or the
 * ground-truth masks) go to the pose engine; each call is timed on its own. Objects are prepared once per engine
 * and the preparation is timed apart.
 *
 * <p>Writes into the output directory: the pose estimates as a BOP results CSV, {@code summary.json} (the report),
 * {@code errors.json} (normalised errors of every evaluated estimate) and, when asked, an overlay per frame.
 */
public final class BenchmarkRunner {

    private final DatasetObjects objects;
    private final Segmenter ism;
    private final PoseEstimator pem;
    private final ConfigBenchmark config;
    private final Map<Integer, PreparedModel> ismPrepared = new HashMap<>();
    private final Map<Integer, PreparedModel> pemPrepared = new HashMap<>();
    private double ismPrepareSec;
    private double pemPrepareSec;

    /**
     * @param ism the segmentation engine, or null to skip segmentation (then {@code pemOnGtMasks} must be set)
     * @param pem the pose engine, or null to measure segmentation only
     */
    public BenchmarkRunner(DatasetObjects objects, Segmenter ism, PoseEstimator pem, ConfigBenchmark config) {
        config.checkValidity();
        if (ism == null && pem == null) {
            throw new IllegalArgumentException("nothing to run: neither a segmentation nor a pose engine");
        }
        if (ism == null && !config.pemOnGtMasks) {
            throw new IllegalArgumentException("without a segmentation engine the pose engine needs the ground-truth"
                    + " masks (pemOnGtMasks)");
        }
        this.objects = objects;
        this.ism = ism;
        this.pem = pem;
        this.config = new ConfigBenchmark().setTo(config);
    }

    /** BOP's results file name: {@code <method>_<dataset>-<split>.csv}, no underscore inside the parts. */
    public String resultsFileName() {
        String method = ("sam6d-" + (ism == null ? "gtmask" : ism.name()) + "-" + (pem == null ? "none" : pem.name()))
                .replace('_', '-');
        return method + "_" + datasetName().replace('_', '-') + "-" + config.split + ".csv";
    }

    private String datasetName() {
        Path name = objects.dataset().root().toAbsolutePath().normalize().getFileName();
        return name == null ? "dataset" : name.toString();
    }

    /**
     * Runs the benchmark.
     *
     * @param outDir where the results go (created)
     * @param log    progress, one line per frame
     */
    public BenchmarkReport run(Path outDir, PrintStream log) {
        PoseEvaluator poseEval = new PoseEvaluator(objects::evalModel);
        SegmentationEvaluator segEval = new SegmentationEvaluator();
        List<BopEstimate> allEstimates = new ArrayList<>();
        List<Double> ismTimes = new ArrayList<>();
        List<Double> pemTimes = new ArrayList<>();
        Set<String> notes = new LinkedHashSet<>();
        int frames = 0, failed = 0, withoutMasks = 0;

        List<Integer> scenes = config.scenes.isEmpty() ? objects.dataset().scenes(config.split) : config.scenes;
        outer:
        for (int sceneId : scenes) {
            for (BopFrame bf : objects.dataset().frames(config.split, sceneId)) {
                if (bf.gt().isEmpty()) {
                    continue;
                }
                if (config.maxFrames > 0 && frames >= config.maxFrames) {
                    break outer;
                }
                frames++;
                RgbImage rgb = ImageFiles.readRgb(bf.rgb());
                DepthImage depth = ImageFiles.readDepth(bf.depth(), bf.depthScale());
                RgbdFrame frame = new RgbdFrame(rgb, depth, bf.camera());
                GtMasks gtMasks = GtMasks.load(bf, rgb.width(), rgb.height(), depth, objects::evalModel);
                notes.addAll(gtMasks.notes());
                boolean[] valid = validTargets(bf);
                List<Integer> queried = queriedObjects(bf);

                List<Detection> detections = List.of();
                List<Detection> pemInput = List.of();
                List<PoseResult> poses = List.of();
                double ismSec = Double.NaN, pemSec = Double.NaN;
                String status = "";
                try {
                    if (ism != null) {
                        List<PreparedModel> prepared = prepare(ism, queried);
                        long t0 = System.nanoTime();
                        SegmentationResult sr = ism.segment(frame, prepared);
                        ismSec = (System.nanoTime() - t0) / 1e9;
                        ismTimes.add(ismSec);
                        detections = sr.detections();
                    }
                    pemInput = config.pemOnGtMasks ? gtDetections(bf, gtMasks, valid) : detections;
                    if (pem != null && !pemInput.isEmpty()) {
                        List<Integer> detObjs = new ArrayList<>(new LinkedHashSet<>(
                                pemInput.stream().map(d -> DatasetObjects.objId(d.objectName())).filter(id -> id > 0)
                                        .toList()));
                        List<PreparedModel> prepared = prepare(pem, detObjs);
                        long t0 = System.nanoTime();
                        poses = pem.estimate(frame, pemInput, prepared, false);
                        pemSec = (System.nanoTime() - t0) / 1e9;
                        pemTimes.add(pemSec);
                    } else if (pem != null) {
                        pemSec = 0;
                        pemTimes.add(0.0);
                    }
                } catch (RuntimeException e) {
                    failed++;
                    status = "  FAILED: " + e;
                }

                if (ism != null) {
                    if (gtMasks.complete()) {
                        segEval.addFrame(gtInstances(bf, gtMasks, valid), scored(detections, notes));
                    } else {
                        withoutMasks++;
                    }
                }
                List<BopEstimate> estimates = new ArrayList<>();
                if (pem != null) {
                    double time = (Double.isNaN(ismSec) ? 0 : ismSec) + (Double.isNaN(pemSec) ? 0 : pemSec);
                    for (PoseResult r : poses) {
                        int objId = DatasetObjects.objId(r.objectName());
                        if (objId <= 0 && r.detectionIndex() >= 0 && r.detectionIndex() < pemInput.size()) {
                            objId = DatasetObjects.objId(pemInput.get(r.detectionIndex()).objectName());
                        }
                        if (objId <= 0) {
                            notes.add("pose engine returned an unknown object name '" + r.objectName() + "'");
                            continue;
                        }
                        estimates.add(new BopEstimate(bf.sceneId(), bf.imageId(), objId, r.score(), r.modelToCamera(),
                                time));
                    }
                    poseEval.addFrame(bf, rgb.width(), estimates);
                    allEstimates.addAll(estimates);
                }
                if (config.overlays) {
                    writeOverlay(outDir, bf, rgb, pemInput, poses);
                }
                log.printf(Locale.ROOT, "scene %d image %d: %d objects queried, %d detections, %d poses, ISM %s s, PEM %s s%s%n",
                        bf.sceneId(), bf.imageId(), queried.size(), detections.size(), poses.size(), sec(ismSec),
                        sec(pemSec), status);
            }
        }

        PoseEvaluator.Scores poseScores = pem == null ? null : poseEval.scores();
        SegmentationEvaluator.Scores segScores = ism == null ? null : segEval.scores();
        List<BenchmarkReport.Row> rows = BenchmarkReport.rows(segScores, poseScores, objects::displayName,
                objects::scoredWithAddS);
        BenchmarkReport.Row overall = BenchmarkReport.row(0, "all", segScores == null ? null : segScores.overall(),
                poseScores == null ? null : poseScores.overall(), false);
        BenchmarkReport report = new BenchmarkReport(datasetName(), config.split, ism == null ? "none" : ism.name(),
                pem == null ? "none" : pem.name(), config.pemOnGtMasks, config.absent, frames, failed, withoutMasks,
                rows, overall, BenchmarkReport.Timing.of(ismTimes), BenchmarkReport.Timing.of(pemTimes),
                ismPrepareSec, pemPrepareSec, List.copyOf(notes));

        if (pem != null) {
            BopResults.writeCsv(outDir.resolve(resultsFileName()), allEstimates);
            EvalOutputs.writeErrors(outDir.resolve("errors.json"), poseEval.evaluatedEstimates());
        }
        report.writeJson(outDir.resolve("summary.json"));
        return report;
    }

    private List<PreparedModel> prepare(Segmenter engine, List<Integer> objIds) {
        List<PreparedModel> out = new ArrayList<>(objIds.size());
        for (int id : objIds) {
            PreparedModel pm = ismPrepared.get(id);
            if (pm == null) {
                long t0 = System.nanoTime();
                pm = engine.prepare(objects.objectModel(id));
                ismPrepareSec += (System.nanoTime() - t0) / 1e9;
                ismPrepared.put(id, pm);
            }
            out.add(pm);
        }
        return out;
    }

    private List<PreparedModel> prepare(PoseEstimator engine, List<Integer> objIds) {
        List<PreparedModel> out = new ArrayList<>(objIds.size());
        for (int id : objIds) {
            PreparedModel pm = pemPrepared.get(id);
            if (pm == null) {
                long t0 = System.nanoTime();
                pm = engine.prepare(objects.objectModel(id));
                pemPrepareSec += (System.nanoTime() - t0) / 1e9;
                pemPrepared.put(id, pm);
            }
            out.add(pm);
        }
        return out;
    }

    /** Instances that are targets: visible fraction >= 0.1, or all when the dataset gives no visibility. */
    static boolean[] validTargets(BopFrame bf) {
        boolean[] valid = new boolean[bf.gt().size()];
        boolean hasInfo = bf.gtInfo().size() == bf.gt().size();
        for (int g = 0; g < valid.length; g++) {
            valid[g] = !hasInfo || bf.gtInfo().get(g).visibFract() >= PoseEvaluator.VISIB_GT_MIN;
        }
        return valid;
    }

    /** The frame's ground-truth objects in order of first appearance, then the absent ones drawn for this frame. */
    List<Integer> queriedObjects(BopFrame bf) {
        List<Integer> out = new ArrayList<>(new LinkedHashSet<>(bf.gt().stream().map(BopFrame.GtPose::objId).toList()));
        if (config.absent > 0) {
            List<Integer> others = new ArrayList<>(objects.objIds());
            others.removeAll(out);
            Collections.shuffle(others, new Random(config.seed * 1_000_003L + bf.sceneId() * 100_003L + bf.imageId()));
            out.addAll(others.subList(0, Math.min(config.absent, others.size())));
        }
        return out;
    }

    private static List<Detection> gtDetections(BopFrame bf, GtMasks gtMasks, boolean[] valid) {
        List<Detection> out = new ArrayList<>();
        for (int g = 0; g < bf.gt().size(); g++) {
            Mask m = gtMasks.masks().get(g);
            if (!valid[g] || m == null || m.area() == 0) {
                continue;
            }
            out.add(new Detection(DatasetObjects.name(bf.gt().get(g).objId()), 1.0, m, m.bbox(), List.of(), null));
        }
        return out;
    }

    private static List<SegmentationEvaluator.GtInstance> gtInstances(BopFrame bf, GtMasks gtMasks, boolean[] valid) {
        List<SegmentationEvaluator.GtInstance> out = new ArrayList<>();
        for (int g = 0; g < bf.gt().size(); g++) {
            out.add(new SegmentationEvaluator.GtInstance(bf.gt().get(g).objId(), gtMasks.masks().get(g), valid[g]));
        }
        return out;
    }

    private static List<SegmentationEvaluator.ScoredMask> scored(List<Detection> detections, Set<String> notes) {
        List<SegmentationEvaluator.ScoredMask> out = new ArrayList<>();
        for (Detection d : detections) {
            int objId = DatasetObjects.objId(d.objectName());
            if (objId <= 0) {
                notes.add("segmentation engine returned an unknown object name '" + d.objectName() + "'");
                continue;
            }
            out.add(new SegmentationEvaluator.ScoredMask(objId, d.score(), d.mask()));
        }
        return out;
    }

    private void writeOverlay(Path outDir, BopFrame bf, RgbImage rgb, List<Detection> dets, List<PoseResult> poses) {
        List<Overlay.MaskDrawing> masks = new ArrayList<>();
        for (Detection d : dets) {
            masks.add(new Overlay.MaskDrawing(d.objectName() + String.format(Locale.ROOT, " %.2f", d.score()), d.mask()));
        }
        // a pose takes the colour of its detection: pad the list up to its detection's index
        List<Overlay.PoseDrawing> drawn = new ArrayList<>(Collections.nCopies(dets.size(), (Overlay.PoseDrawing) null));
        for (PoseResult r : poses) {
            int objId = DatasetObjects.objId(r.objectName());
            if (objId <= 0) {
                continue;
            }
            Overlay.PoseDrawing pd = new Overlay.PoseDrawing(r.objectName() + String.format(Locale.ROOT, " %.2f", r.score()),
                    objects.dataset().model(objId), r.modelToCamera());
            if (r.detectionIndex() >= 0 && r.detectionIndex() < drawn.size() && drawn.get(r.detectionIndex()) == null) {
                drawn.set(r.detectionIndex(), pd);
            } else {
                drawn.add(pd);
            }
        }
        List<Overlay.PoseDrawing> truth = bf.gt().stream()
                .map(g -> new Overlay.PoseDrawing(null, objects.dataset().model(g.objId()), g.modelToCamera())).toList();
        Overlay.writePng(Overlay.draw(rgb, bf.camera(), masks, drawn, truth),
                outDir.resolve("overlays").resolve(String.format("%06d_%06d.png", bf.sceneId(), bf.imageId())));
    }

    private static String sec(double s) {
        return Double.isNaN(s) ? "-" : String.format(Locale.ROOT, "%.3f", s);
    }
}
