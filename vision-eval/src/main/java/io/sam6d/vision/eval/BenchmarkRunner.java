package io.sam6d.vision.eval;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
import java.util.TreeMap;

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
import io.sam6d.vision.io.bop.ModelInfo;
import io.sam6d.vision.model.PreparedModel;
import io.sam6d.vision.pose.PoseEstimator;
import io.sam6d.vision.pose.PoseResult;
import io.sam6d.vision.render.MeshRenderer;
import io.sam6d.vision.render.PixelRegion;
import io.sam6d.vision.render.RenderModel;
import io.sam6d.vision.render.RenderOutput;
import io.sam6d.vision.render.RenderResult;
import io.sam6d.vision.segmentation.Segmenter;
import io.sam6d.vision.visualisation.Overlay;

/**
 * Runs a segmentation engine (ISM) and a pose engine (PEM) over the frames of a BOP dataset that have ground
 * truth, as the servers would run them, and scores what they return. Per frame: the objects of the frame's ground
 * truth (plus {@link ConfigBenchmark#absent} others), or every object of the dataset
 * ({@link ConfigBenchmark#queryAll}), are queried; the segmentation engine's detections (or the ground-truth masks)
 * go to the pose engine; each call is timed on its own. Objects are prepared once per engine and the preparation
 * is timed apart.
 *
 * <p>Writes into the output directory: the pose estimates as a BOP results CSV, {@code summary.json} (the report,
 * per object and per frame), {@code frames.csv} (the per-frame table), {@code errors.json} (normalised errors of
 * every evaluated estimate) and, when asked, a picture of the misses per frame in {@code overlays/}
 * ({@link MissPicture}).
 *
 * <p>Runs over several datasets are pooled with {@link #combine}.
 */
public final class BenchmarkRunner {

    private final DatasetObjects objects;
    private final Segmenter ism;
    private final PoseEstimator pem;
    private final ConfigBenchmark config;
    private final PreparedModels prepared;
    private final Map<Integer, RenderModel> renderModels = new HashMap<>();
    private double ismPrepareSec;
    private double pemPrepareSec;

    /**
     * Objects prepared by the engines, by model file, shared by the runners of one benchmark run (datasets that
     * share their models, such as real and synthetic YCB-Video frames, prepare them once).
     */
    public static final class PreparedModels {
        private final Map<String, PreparedModel> ism = new HashMap<>();
        private final Map<String, PreparedModel> pem = new HashMap<>();
    }

    /**
     * What a run over one dataset gathered before it is summarised: the scorers and the per-frame figures. Runs
     * over several datasets are pooled from these ({@link #combine}).
     */
    public static final class Gathered {
        final BenchmarkRunner runner;
        final String dataset;
        final DatasetObjects objects;
        final PoseEvaluator pose;
        final SegmentationEvaluator seg;
        final List<BenchmarkReport.FrameRow> frames = new ArrayList<>();
        final List<Double> ismTimes = new ArrayList<>();
        final List<Double> pemTimes = new ArrayList<>();
        /** per object: {queries on which it was absent, detections of it there} */
        final Map<Integer, int[]> absent = new TreeMap<>();
        final Set<String> notes = new LinkedHashSet<>();
        int failed;
        int withoutMasks;
        double ismPrepareSec;
        double pemPrepareSec;

        Gathered(BenchmarkRunner runner, String dataset, DatasetObjects objects, boolean pose, boolean seg) {
            this.runner = runner;
            this.dataset = dataset;
            this.objects = objects;
            this.pose = pose ? new PoseEvaluator(objects::evalModel) : null;
            this.seg = seg ? new SegmentationEvaluator() : null;
        }
    }

    /**
     * @param ism the segmentation engine, or null to skip segmentation (then {@code pemOnGtMasks} must be set)
     * @param pem the pose engine, or null to measure segmentation only
     */
    public BenchmarkRunner(DatasetObjects objects, Segmenter ism, PoseEstimator pem, ConfigBenchmark config) {
        this(objects, ism, pem, config, new PreparedModels());
    }

    /** @param prepared shared with the runners over other datasets of the same benchmark run */
    public BenchmarkRunner(DatasetObjects objects, Segmenter ism, PoseEstimator pem, ConfigBenchmark config,
            PreparedModels prepared) {
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
        this.prepared = prepared;
    }

    /** BOP's results file name: {@code <method>_<dataset>-<split>.csv}, no underscore inside the parts. */
    public String resultsFileName() {
        String method = ("sam6d-" + (ism == null ? "gtmask" : ism.name()) + "-" + (pem == null ? "none" : pem.name()))
                .replace('_', '-');
        return method + "_" + datasetName().replace('_', '-') + "-" + config.split + ".csv";
    }

    /** The dataset's directory name. */
    public String datasetName() {
        Path name = objects.dataset().root().toAbsolutePath().normalize().getFileName();
        return name == null ? "dataset" : name.toString();
    }

    /**
     * Runs the benchmark and writes its files.
     *
     * @param outDir where the results go (created)
     * @param log    progress, one line per frame
     */
    public BenchmarkReport run(Path outDir, PrintStream log) {
        return report(gather(outDir, log));
    }

    /** Runs the benchmark and writes its files; returns what it gathered, for {@link #report} or {@link #combine}. */
    public Gathered gather(Path outDir, PrintStream log) {
        return gather(outDir, log, datasetName());
    }

    /** {@link #gather(Path, PrintStream)} under another name for the dataset (two datasets of one name). */
    public Gathered gather(Path outDir, PrintStream log, String name) {
        Gathered g = new Gathered(this, name, objects, pem != null, ism != null);
        List<BopEstimate> allEstimates = new ArrayList<>();
        syntheticNote(g.notes);
        int frames = 0;
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
                allEstimates.addAll(runFrame(bf, g, outDir, log));
            }
        }
        if (pem != null) {
            BopResults.writeCsv(outDir.resolve(resultsFileName()), allEstimates);
            EvalOutputs.writeErrors(outDir.resolve("errors.json"), g.pose.evaluatedEstimates());
        }
        g.ismPrepareSec = ismPrepareSec;
        g.pemPrepareSec = pemPrepareSec;
        BenchmarkReport report = report(g);
        report.writeJson(outDir.resolve("summary.json"));
        report.writeFramesCsv(outDir.resolve("frames.csv"));
        return g;
    }

    /** Runs the engines on one frame, scores it and adds it to {@code g}; returns its pose estimates. */
    private List<BopEstimate> runFrame(BopFrame bf, Gathered g, Path outDir, PrintStream log) {
        RgbImage rgb = ImageFiles.readRgb(bf.rgb());
        DepthImage depth = ImageFiles.readDepth(bf.depth(), bf.depthScale());
        RgbdFrame frame = new RgbdFrame(rgb, depth, bf.camera());
        GtMasks gtMasks = GtMasks.load(bf, rgb.width(), rgb.height(), depth, objects::evalModel);
        g.notes.addAll(gtMasks.notes());
        boolean[] valid = validTargets(bf);
        List<Integer> queried = queriedObjects(bf);

        List<Detection> detections = List.of();
        List<Detection> pemInput = List.of();
        List<PoseResult> poses = List.of();
        double ismSec = Double.NaN, pemSec = Double.NaN;
        String status = "";
        boolean failed = false;
        try {
            if (ism != null) {
                List<PreparedModel> models = prepareIsm(queried);
                long t0 = System.nanoTime();
                SegmentationResult sr = ism.segment(frame, models);
                ismSec = (System.nanoTime() - t0) / 1e9;
                g.ismTimes.add(ismSec);
                detections = sr.detections();
            }
            pemInput = config.pemOnGtMasks ? gtDetections(bf, gtMasks, valid) : detections;
            if (pem != null && !pemInput.isEmpty()) {
                List<Integer> detObjs = new ArrayList<>(new LinkedHashSet<>(
                        pemInput.stream().map(d -> DatasetObjects.objId(d.objectName())).filter(id -> id > 0)
                                .toList()));
                List<PreparedModel> models = preparePem(detObjs);
                long t0 = System.nanoTime();
                poses = pem.estimate(frame, pemInput, models, false);
                pemSec = (System.nanoTime() - t0) / 1e9;
                g.pemTimes.add(pemSec);
            } else if (pem != null) {
                pemSec = 0;
                g.pemTimes.add(0.0);
            }
        } catch (RuntimeException e) {
            g.failed++;
            failed = true;
            status = "  FAILED: " + e;
        }

        SegmentationEvaluator.FrameMatch segMatch = null;
        List<SegmentationEvaluator.ScoredMask> scoredDetections = scored(detections, g.notes);
        if (ism != null) {
            if (gtMasks.complete()) {
                segMatch = g.seg.addFrame(gtInstances(bf, gtMasks, valid), scoredDetections);
            } else {
                g.withoutMasks++;
            }
        }
        List<BopEstimate> estimates = new ArrayList<>();
        PoseEvaluator.FrameMatch poseMatch = null;
        if (pem != null) {
            double time = (Double.isNaN(ismSec) ? 0 : ismSec) + (Double.isNaN(pemSec) ? 0 : pemSec);
            for (PoseResult r : poses) {
                int objId = poseObject(r, pemInput);
                if (objId <= 0) {
                    g.notes.add("pose engine returned an unknown object name '" + r.objectName() + "'");
                    continue;
                }
                estimates.add(new BopEstimate(bf.sceneId(), bf.imageId(), objId, r.score(), r.modelToCamera(), time));
            }
            poseMatch = g.pose.addFrame(bf, rgb.width(), estimates);
        }
        int absentDetections = countAbsent(bf, queried, ism != null ? scoredDetections.stream()
                .map(SegmentationEvaluator.ScoredMask::objId).toList()
                : estimates.stream().map(BopEstimate::objId).toList(), g.absent);
        int instances = 0;
        for (boolean v : valid) {
            instances += v ? 1 : 0;
        }
        BenchmarkReport.FrameRow row = new BenchmarkReport.FrameRow(g.dataset, bf.sceneId(), bf.imageId(),
                queried.size(), segMatch != null ? segMatch.instances() : instances,
                segMatch != null ? segMatch.truePositives() : -1, segMatch != null ? segMatch.falsePositives() : 0,
                absentDetections, poseMatch != null ? poseMatch.targets() : instances,
                poseMatch != null ? poseMatch.addHits() : -1, ismSec, pemSec, failed);
        g.frames.add(row);
        if (config.overlays) {
            writeMissPicture(outDir, bf, rgb, gtMasks, valid, detections, segMatch, estimates, poseMatch, row);
        }
        log.printf(Locale.ROOT, "%s scene %d image %d: %d asked, %d instances, found %s, %d false (%d of absent"
                + " objects), ADD(-S) %s/%d, ISM %s s, PEM %s s%s%n", g.dataset, bf.sceneId(), bf.imageId(),
                queried.size(), row.instances(), row.found() < 0 ? "-" : String.valueOf(row.found()),
                row.falseDetections(), absentDetections, row.addHits() < 0 ? "-" : String.valueOf(row.addHits()),
                row.targets(), sec(ismSec), sec(pemSec), status);
        return estimates;
    }

    /** The object a pose is of: its name, else its detection's. */
    private static int poseObject(PoseResult r, List<Detection> pemInput) {
        int objId = DatasetObjects.objId(r.objectName());
        if (objId <= 0 && r.detectionIndex() >= 0 && r.detectionIndex() < pemInput.size()) {
            objId = DatasetObjects.objId(pemInput.get(r.detectionIndex()).objectName());
        }
        return objId;
    }

    /**
     * Counts, per queried object that is not in the frame, one query and its detections ({@code found}: the object
     * id of every detection); returns the frame's detections of absent objects.
     */
    private static int countAbsent(BopFrame bf, List<Integer> queried, List<Integer> found, Map<Integer, int[]> absent) {
        Set<Integer> present = new java.util.HashSet<>();
        bf.gt().forEach(gp -> present.add(gp.objId()));
        int total = 0;
        for (int id : queried) {
            if (present.contains(id)) {
                continue;
            }
            int n = (int) found.stream().filter(f -> f == id).count();
            int[] a = absent.computeIfAbsent(id, k -> new int[2]);
            a[0]++;
            a[1] += n;
            total += n;
        }
        return total;
    }

    /** Notes where the dataset came from when the synthetic generator wrote it (seed, tuning or reporting). */
    private void syntheticNote(Set<String> notes) {
        Path info = objects.dataset().root().resolve("synthetic_info.json");
        if (!Files.isRegularFile(info)) {
            return;
        }
        try {
            var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(info.toFile());
            notes.add(datasetName() + ": synthetic, seed " + root.path("seed").asText("?") + " ("
                    + root.path("seed_purpose").asText("?") + " seed)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + info, e);
        }
    }

    /** The report of one dataset's run. */
    public static BenchmarkReport report(Gathered g) {
        return combine(g.dataset, List.of(g), g.objects, true);
    }

    /**
     * The report of runs over several datasets, pooled: every figure counts all their frames. Per-object rows are
     * kept when the datasets' object ids name the same objects (their {@code models_info.json} entries agree),
     * else only the pooled figures are.
     */
    public static BenchmarkReport combine(List<Gathered> parts) {
        DatasetObjects first = parts.get(0).objects;
        boolean agree = parts.stream().allMatch(p -> sameObjects(first, p.objects));
        return combine(String.join("+", parts.stream().map(p -> p.dataset).toList()), parts, first, agree);
    }

    private static BenchmarkReport combine(String name, List<Gathered> parts, DatasetObjects names, boolean perObject) {
        Gathered g0 = parts.get(0);
        PoseEvaluator pose = g0.pose == null ? null : new PoseEvaluator(names::evalModel);
        SegmentationEvaluator seg = g0.seg == null ? null : new SegmentationEvaluator();
        Map<Integer, int[]> absent = new TreeMap<>();
        List<BenchmarkReport.FrameRow> frames = new ArrayList<>();
        List<Double> ismTimes = new ArrayList<>(), pemTimes = new ArrayList<>();
        Set<String> notes = new LinkedHashSet<>();
        int failed = 0, withoutMasks = 0;
        double ismPrep = 0, pemPrep = 0;
        for (Gathered g : parts) {
            if (pose != null) {
                pose.addAll(g.pose);
            }
            if (seg != null) {
                seg.addAll(g.seg);
            }
            g.absent.forEach((id, a) -> {
                int[] t = absent.computeIfAbsent(id, k -> new int[2]);
                t[0] += a[0];
                t[1] += a[1];
            });
            frames.addAll(g.frames);
            ismTimes.addAll(g.ismTimes);
            pemTimes.addAll(g.pemTimes);
            notes.addAll(g.notes);
            failed += g.failed;
            withoutMasks += g.withoutMasks;
            ismPrep += g.ismPrepareSec;
            pemPrep += g.pemPrepareSec;
        }
        if (!perObject) {
            notes.add("the datasets' object ids name different objects: per-object figures are in each dataset's"
                    + " report, only the pooled ones here");
        }
        PoseEvaluator.Scores poseScores = pose == null ? null : pose.scores();
        SegmentationEvaluator.Scores segScores = seg == null ? null : seg.scores();
        List<BenchmarkReport.Row> rows = perObject ? BenchmarkReport.rows(segScores, poseScores, names::displayName,
                names::scoredWithAddS, absent) : List.of();
        int[] absentTotal = BenchmarkReport.absentTotal(absent);
        BenchmarkReport.Row overall = BenchmarkReport.row(0, "all", segScores == null ? null : segScores.overall(),
                poseScores == null ? null : poseScores.overall(), false, absentTotal);
        return new BenchmarkReport(name, g0.runner.config.split, g0.runner.ism == null ? "none" : g0.runner.ism.name(),
                g0.runner.pem == null ? "none" : g0.runner.pem.name(), g0.runner.config.pemOnGtMasks,
                g0.runner.config.queryAll ? "all" : "gt", g0.runner.config.absent, frames.size(), failed, withoutMasks,
                rows, overall, List.copyOf(frames), BenchmarkReport.Timing.of(ismTimes),
                BenchmarkReport.Timing.of(pemTimes), ismPrep, pemPrep, List.copyOf(notes));
    }

    /** Whether two datasets' object ids name the same objects: the same models, or agreeing models_info entries. */
    static boolean sameObjects(DatasetObjects a, DatasetObjects b) {
        Map<Integer, ModelInfo> ia = a.dataset().modelsInfo(), ib = b.dataset().modelsInfo();
        for (Map.Entry<Integer, ModelInfo> e : ia.entrySet()) {
            ModelInfo o = ib.get(e.getKey());
            if (o != null && (!java.util.Objects.equals(o.name(), e.getValue().name())
                    || Math.abs(o.diameter() - e.getValue().diameter()) > 1e-6)) {
                return false;
            }
        }
        return true;
    }

    private List<PreparedModel> prepareIsm(List<Integer> objIds) {
        return prepare(objIds, prepared.ism, ism::prepare, s -> ismPrepareSec += s);
    }

    private List<PreparedModel> preparePem(List<Integer> objIds) {
        return prepare(objIds, prepared.pem, pem::prepare, s -> pemPrepareSec += s);
    }

    /** The objects as an engine prepared them, preparing (and timing) those it has not seen. */
    private List<PreparedModel> prepare(List<Integer> objIds, Map<String, PreparedModel> cache,
            java.util.function.Function<io.sam6d.vision.model.ObjectModel, PreparedModel> engine,
            java.util.function.DoubleConsumer seconds) {
        List<PreparedModel> out = new ArrayList<>(objIds.size());
        for (int id : objIds) {
            PreparedModel pm = cache.get(key(id));
            if (pm == null) {
                long t0 = System.nanoTime();
                pm = engine.apply(objects.objectModel(id));
                seconds.accept((System.nanoTime() - t0) / 1e9);
                cache.put(key(id), pm);
            }
            out.add(pm);
        }
        return out;
    }

    /** An object's key in {@link PreparedModels}: its model file and its templates. */
    private String key(int objId) {
        return objects.dataset().modelPath(objId).toAbsolutePath().normalize() + "|" + config.templatesDir;
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

    /**
     * Every object of the dataset ({@link ConfigBenchmark#queryAll}), else the frame's ground-truth objects in order
     * of first appearance, then the absent ones drawn for this frame.
     */
    List<Integer> queriedObjects(BopFrame bf) {
        List<Integer> out = new ArrayList<>(new LinkedHashSet<>(bf.gt().stream().map(BopFrame.GtPose::objId).toList()));
        if (config.queryAll) {
            for (int id : objects.objIds()) {
                if (!out.contains(id)) {
                    out.add(id);
                }
            }
        } else if (config.absent > 0) {
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

    /**
     * {@code overlays/<scene>_<image>.png}: the misses of a frame ({@link MissPicture}). An instance is missed when
     * segmentation ran and found it not, wrongly posed when the pose engine ran and no estimate came within ADD(-S)
     * 0.1 diameter of it; estimates that matched no instance are drawn as they were posed.
     */
    private void writeMissPicture(Path outDir, BopFrame bf, RgbImage rgb, GtMasks gtMasks, boolean[] valid,
            List<Detection> detections, SegmentationEvaluator.FrameMatch seg, List<BopEstimate> estimates,
            PoseEvaluator.FrameMatch pose, BenchmarkReport.FrameRow row) {
        List<MissPicture.Outline> outlines = new ArrayList<>();
        List<SegmentationEvaluator.ScoredMask> scoredDets = scored(detections, new LinkedHashSet<>());
        if (seg != null) {
            for (int i = 0; i < scoredDets.size(); i++) {
                SegmentationEvaluator.ScoredMask d = scoredDets.get(i);
                int m = seg.detectionMatch()[i];
                if (m == SegmentationEvaluator.IGNORED) {
                    continue;
                }
                boolean found = m >= 0;
                outlines.add(new MissPicture.Outline(d.mask(), found ? MissPicture.FOUND : MissPicture.FALSE,
                        String.format(Locale.ROOT, found ? "%d %.2f" : "false %d %.2f", d.objId(), d.score()), 2));
            }
        }
        for (int g = 0; g < bf.gt().size(); g++) {
            boolean missed = seg != null && !seg.found()[g];
            boolean wrongPose = pose != null && !pose.gtHit()[g];
            if (!valid[g] || !missed && !wrongPose) {
                continue;
            }
            Mask m = gtMasks.masks().get(g);
            if (m == null) {
                m = silhouette(bf.gt().get(g).objId(), bf.gt().get(g).modelToCamera(), bf, rgb);
            }
            outlines.add(new MissPicture.Outline(m, MissPicture.MISSED,
                    bf.gt().get(g).objId() + (missed ? " missed" : " wrong pose"), 2));
        }
        if (pose != null) {
            for (int e = 0; e < estimates.size(); e++) {
                if (pose.estimateHit()[e] < 0) {
                    BopEstimate est = estimates.get(e);
                    outlines.add(new MissPicture.Outline(silhouette(est.objId(), est.modelToCamera(), bf, rgb),
                            MissPicture.WRONG_POSE, String.format(Locale.ROOT, "pose %d %.2f", est.objId(),
                                    est.score()), 1));
                }
            }
        }
        String caption = String.format(Locale.ROOT, "%s %d/%d: found %s/%d, %d false, ADD(-S) %s/%d", row.dataset(),
                bf.sceneId(), bf.imageId(), row.found() < 0 ? "-" : String.valueOf(row.found()), row.instances(),
                row.falseDetections(), row.addHits() < 0 ? "-" : String.valueOf(row.addHits()), row.targets());
        Overlay.writePng(MissPicture.draw(rgb, outlines, caption),
                outDir.resolve("overlays").resolve(String.format("%06d_%06d.png", bf.sceneId(), bf.imageId())));
    }

    /** The whole silhouette of an object at a pose, frame-sized. */
    private Mask silhouette(int objId, io.sam6d.vision.geometry.RigidTransform modelToCamera, BopFrame bf, RgbImage rgb) {
        int w = rgb.width(), h = rgb.height();
        boolean[] bits = new boolean[w * h];
        RenderModel model = renderModels.computeIfAbsent(objId, id -> RenderModel.of(objects.dataset().model(id)));
        PixelRegion region = MeshRenderer.projectedRegion(model, modelToCamera, bf.camera(), w, h, 1);
        if (region != null) {
            RenderResult r = new MeshRenderer().render(model, modelToCamera, bf.camera(), w, h, region,
                    RenderOutput.DEPTH_MASK);
            for (int y = 0; y < r.height(); y++) {
                for (int x = 0; x < r.width(); x++) {
                    if (r.mask()[y * r.width() + x]) {
                        bits[(y + r.regionY()) * w + x + r.regionX()] = true;
                    }
                }
            }
        }
        return new Mask(w, h, bits);
    }

    private static String sec(double s) {
        return Double.isNaN(s) ? "-" : String.format(Locale.ROOT, "%.3f", s);
    }
}
