package io.sam6d.vision.eval;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.sam6d.vision.detection.Detection;
import io.sam6d.vision.detection.SegmentationResult;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.ImageFiles;
import io.sam6d.vision.image.RgbImage;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.io.CameraFile;
import io.sam6d.vision.io.MeshReader;
import io.sam6d.vision.io.bop.BopDataset;
import io.sam6d.vision.io.bop.BopFrame;
import io.sam6d.vision.model.ObjectModel;
import io.sam6d.vision.model.PreparedModel;
import io.sam6d.vision.segmentation.ConfigWeightFreeSegmentation;
import io.sam6d.vision.segmentation.WeightFreeSegmenter;

/**
 * Benchmark of {@link WeightFreeSegmenter} (a main class, not a test): per object recall and precision at mask IoU
 * 0.5, mean IoU of the matched detections, and times, over the real YCB-Video frames in {@code shared/data}
 * (ground truth from {@code label/}); then the LM-O example frame, whose mask is drawn into
 * {@code target/segmentation-bench/lmo_overlay.png} for comparison with {@code reference/vis_ism.png} by eye.
 *
 * <p>Each frame is asked for its annotated objects and for absent ones (by default the objects of the other
 * scene; {@code -Dqueries=all} asks for all 21 YCB-Video objects). Every detection of an absent object is a false
 * positive. By default each object is asked for in its own call (the hard case: nothing else competes for a
 * region); {@code -Dmode=joint} asks for all of them in one call per frame. Times: wall clock per object per frame
 * (scene analysis included, warm prepared models; a joint call's time is divided among its objects) and the
 * calling thread's CPU time (proposals run in parallel on other threads too, so it is a lower bound).
 *
 * <p>Run: {@code scripts/bench.sh segmentation} (options as system properties through {@code JAVA_OPTS}, e.g.
 * {@code JAVA_OPTS="-Xmx6g -Dqueries=all"}). The data is looked for as {@link SharedDataDir} says. Outputs go to
 * {@code target/segmentation-bench/} ({@code -Dout=DIR}).
 */
public final class WeightFreeSegmentationBenchmark {

    private static final double IOU = 0.5;

    private WeightFreeSegmentationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        Path out = Path.of(System.getProperty("out", "target/segmentation-bench"));
        Files.createDirectories(out);
        ConfigWeightFreeSegmentation config = new ConfigWeightFreeSegmentation();
        if (System.getProperty("noppf") != null) {
            config.usePpf = false;
        }
        if (Integer.getInteger("extraPlanes") != null) {
            config.extraPlanes = Integer.getInteger("extraPlanes");
        }
        WeightFreeSegmenter segmenter = new WeightFreeSegmenter(config);
        String queries = System.getProperty("queries", "scenes");
        int warmup = Integer.getInteger("warmup", 1);

        BopDataset ds = BopDataset.open(SharedDataDir.data().resolve("ycbv_real"));
        List<BopFrame> frames = new ArrayList<>();
        for (int scene : ds.scenes("test")) {
            frames.addAll(ds.frames("test", scene));
        }
        TreeSet<Integer> sceneObjects = new TreeSet<>();
        frames.forEach(f -> f.gt().forEach(g -> sceneObjects.add(g.objId())));
        TreeSet<Integer> objects = new TreeSet<>(sceneObjects);
        if (queries.equals("all")) {
            objects.addAll(ds.modelsInfo().keySet());
        }

        // prepare (timed per object)
        Map<Integer, PreparedModel> prepared = new TreeMap<>();
        Map<Integer, Double> prepareMs = new TreeMap<>();
        for (int obj : objects) {
            ObjectModel om = new ObjectModel(String.format("obj_%06d", obj), ds.model(obj),
                    ds.modelInfo(obj).diameter(), List.of(), null);
            long t0 = System.nanoTime();
            prepared.put(obj, segmenter.prepare(om));
            prepareMs.put(obj, (System.nanoTime() - t0) / 1e6);
        }

        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<Integer, Stats> stats = new TreeMap<>();
        objects.forEach(o -> stats.put(o, new Stats()));
        List<Double> wallMs = new ArrayList<>();
        List<Double> cpuMs = new ArrayList<>();
        StringBuilder log = new StringBuilder();
        boolean joint = "joint".equals(System.getProperty("mode"));
        for (int pass = 0; pass <= warmup; pass++) {
            boolean measure = pass == warmup;
            for (BopFrame f : frames) {
                RgbdFrame frame = new RgbdFrame(ImageFiles.readRgb(f.rgb()),
                        ImageFiles.readDepth(f.depth(), f.depthScale()), f.camera());
                int[] labels = ImageFiles.decodeLabels(ImageFiles.readBytes(f.label()), null);
                TreeSet<Integer> present = new TreeSet<>();
                f.gt().forEach(g -> present.add(g.objId()));
                // one call per object, or one call for all objects of the query set (then one region is one object)
                List<List<Integer>> calls = new ArrayList<>();
                if (joint) {
                    calls.add(new ArrayList<>(measure ? objects : present));
                } else {
                    for (int obj : objects) {
                        if (measure || present.contains(obj)) {
                            calls.add(List.of(obj));
                        }
                    }
                }
                for (List<Integer> call : calls) {
                    List<PreparedModel> models = new ArrayList<>();
                    call.forEach(o -> models.add(prepared.get(o)));
                    long c0 = mx.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    SegmentationResult res = segmenter.segment(frame, models);
                    long t1 = System.nanoTime();
                    long c1 = mx.getCurrentThreadCpuTime();
                    if (!measure) {
                        continue;
                    }
                    // time per object: a joint call is shared by its objects
                    wallMs.add((t1 - t0) / 1e6 / call.size());
                    cpuMs.add((c1 - c0) / 1e6 / call.size());
                    for (int obj : call) {
                        Stats st = stats.get(obj);
                        st.wallMs.add((t1 - t0) / 1e6 / call.size());
                        boolean[] gt = new boolean[labels.length];
                        boolean has = false;
                        for (int i = 0; i < labels.length; i++) {
                            gt[i] = labels[i] == obj;
                            has |= gt[i];
                        }
                        if (has) {
                            st.gt++;
                        }
                        boolean matched = false;
                        StringBuilder line = new StringBuilder(String.format("scene %d frame %d obj %2d %-7s:",
                                f.sceneId(), f.imageId(), obj, has ? "present" : "absent"));
                        String name = String.format("obj_%06d", obj);
                        for (Detection d : res.detections()) {
                            if (!d.objectName().equals(name)) {
                                continue;
                            }
                            double iou = has ? iou(d.mask().bits(), gt) : 0;
                            if (has && !matched && iou >= IOU) {
                                matched = true;
                                st.tp++;
                                st.iouSum += iou;
                            } else {
                                st.fp++;
                            }
                            line.append(String.format(" [score %.2f iou %.2f]", d.score(), iou));
                        }
                        log.append(line).append('\n');
                    }
                }
            }
        }

        lmo(segmenter, out, log);
        Files.writeString(out.resolve("detections.txt"), log.toString());

        System.out.println(log);
        System.out.println("obj  name                      prepare_ms  gt  tp  fp  recall  precision  mean_iou  median_ms");
        int gt = 0, tp = 0, fp = 0;
        for (var e : stats.entrySet()) {
            Stats s = e.getValue();
            gt += s.gt;
            tp += s.tp;
            fp += s.fp;
            System.out.printf("%3d  %-24s  %10.0f  %2d  %2d  %2d  %6s  %9s  %8s  %9.0f%n", e.getKey(),
                    ds.modelInfo(e.getKey()).name(), prepareMs.get(e.getKey()), s.gt, s.tp, s.fp,
                    s.gt == 0 ? "-" : String.format("%.2f", s.tp / (double) s.gt),
                    s.tp + s.fp == 0 ? "-" : String.format("%.2f", s.tp / (double) (s.tp + s.fp)),
                    s.tp == 0 ? "-" : String.format("%.3f", s.iouSum / s.tp), median(s.wallMs));
        }
        System.out.printf("ALL: recall %.3f (%d/%d), precision %.3f (%d fp), median per frame per object %.0f ms wall,"
                + " %.0f ms cpu; prepare median %.0f ms%n", tp / (double) Math.max(1, gt), tp, gt,
                tp / (double) Math.max(1, tp + fp), fp, median(wallMs), median(cpuMs),
                median(new ArrayList<>(prepareMs.values())));
    }

    /** The LM-O example: the can, its overlay, and any depth warnings. */
    private static void lmo(WeightFreeSegmenter segmenter, Path out, StringBuilder log) throws Exception {
        Path dir = SharedDataDir.data().resolve("lmo_example");
        CameraFile cam = CameraFile.read(dir.resolve("camera.json"));
        RgbImage rgb = ImageFiles.readRgb(dir.resolve("rgb.png"));
        DepthImage depth = ImageFiles.readDepth(dir.resolve("depth.png"), cam.depthScale());
        RgbdFrame frame = new RgbdFrame(rgb, depth, cam.intrinsics());
        Path modelsInfo = SharedDataDir.data().resolve("lmo_models").resolve("models").resolve("models_info.json");
        double diameter = BopDataset.open(SharedDataDir.data().resolve("lmo_models")).modelInfo(5).diameter();
        ObjectModel can = new ObjectModel("obj_000005", MeshReader.read(dir.resolve("obj_000005.ply")), diameter,
                List.of(), null);
        long p0 = System.nanoTime();
        PreparedModel pm = segmenter.prepare(can);
        double prepMs = (System.nanoTime() - p0) / 1e6;
        segmenter.segment(frame, List.of(pm));
        long t0 = System.nanoTime();
        SegmentationResult res = segmenter.segment(frame, List.of(pm));
        double ms = (System.nanoTime() - t0) / 1e6;
        byte[] px = rgb.rgb().clone();
        for (int i = 0; i < px.length / 3; i++) {
            int g = (int) (0.3 * (px[3 * i] & 0xFF) + 0.59 * (px[3 * i + 1] & 0xFF) + 0.11 * (px[3 * i + 2] & 0xFF));
            px[3 * i] = px[3 * i + 1] = px[3 * i + 2] = (byte) g;
        }
        StringBuilder line = new StringBuilder(String.format("LM-O can: prepare %.0f ms, segment %.0f ms,"
                + " %d detection(s)", prepMs, ms, res.detections().size()));
        if (!res.detections().isEmpty()) {
            Detection d = res.detections().get(0);
            boolean[] m = d.mask().bits();
            for (int i = 0; i < m.length; i++) {
                if (m[i]) {
                    px[3 * i] = (byte) ((px[3 * i] & 0xFF) / 3);
                    px[3 * i + 1] = (byte) (85 + 2 * (px[3 * i + 1] & 0xFF) / 3);
                    px[3 * i + 2] = (byte) ((px[3 * i + 2] & 0xFF) / 3);
                }
            }
            for (Detection det : res.detections()) {
                line.append(String.format(" [score %.2f bbox %s]", det.score(), Arrays.toString(det.bbox())));
            }
        }
        res.warnings().forEach(w -> line.append(" warning: ").append(w));
        ImageFiles.write(out.resolve("lmo_overlay.png"), ImageFiles.encodeRgbPng(new RgbImage(rgb.width(),
                rgb.height(), px)));
        log.append(line).append('\n');
        System.out.println("LM-O overlay: " + out.resolve("lmo_overlay.png").toAbsolutePath() + " (models_info: "
                + modelsInfo + ")");
    }

    static double iou(boolean[] a, boolean[] b) {
        int inter = 0, union = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] && b[i]) {
                inter++;
            }
            if (a[i] || b[i]) {
                union++;
            }
        }
        return union == 0 ? 0 : inter / (double) union;
    }

    private static double median(List<Double> v) {
        if (v.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    private static final class Stats {
        int gt;
        int tp;
        int fp;
        double iouSum;
        final List<Double> wallMs = new ArrayList<>();
    }
}
