package io.sam6d.vision.pose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.sam6d.vision.SharedData;
import io.sam6d.vision.detection.Detection;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.io.bop.BopDataset;
import io.sam6d.vision.io.bop.BopFrame;
import io.sam6d.vision.model.PreparedModel;

/**
 * Accuracy and speed of {@link WeightFreePoseEstimator} on the ycbv_real frames with ground-truth-label masks (not a
 * test). Prints per-object ADD(-S), rotation and translation errors and times, then recall per object and overall.
 *
 * <pre>
 * java -cp ... io.sam6d.vision.pose.PoseBenchmark [mask=gt|erode|dilate|neighbours] [px=N] [data=DIR] [setting=value ...]
 * </pre>
 */
public final class PoseBenchmark {

    public static void main(String[] args) {
        YcbvFrames.MaskMode mode = YcbvFrames.MaskMode.GT;
        int px = 0;
        Path root = SharedData.ycbv();
        ConfigWeightFreePose cfg = new ConfigWeightFreePose();
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "mask" -> mode = YcbvFrames.MaskMode.valueOf(kv[1].toUpperCase());
                case "px" -> px = Integer.parseInt(kv[1]);
                case "data" -> root = Path.of(kv[1]);
                default -> ConfigArgs.apply(cfg, kv[0], kv[1]);
            }
        }
        run(new WeightFreePoseEstimator(cfg), BopDataset.open(root), mode, px);
    }

    static void run(WeightFreePoseEstimator est, BopDataset ds, YcbvFrames.MaskMode mode, int px) {
        Map<Integer, PpfModel> models = new TreeMap<>();
        Map<Integer, Long> prepMs = new TreeMap<>();
        List<Long> times = new ArrayList<>();
        Map<Integer, int[]> perObj = new TreeMap<>();
        int hits = 0, total = 0, symHits = 0;
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        System.out.printf("mask=%s px=%d%n", mode, px);
        System.out.println("scene image obj   add_mm  thr_mm ok  adds_mm  rot_deg  trans_mm  score  cpu_ms wall_ms");
        for (int scene : ds.scenes("test")) {
            for (BopFrame f : ds.frames("test", scene)) {
                RgbdFrame frame = YcbvFrames.frame(f);
                List<Detection> dets = YcbvFrames.detections(f, mode, px);
                for (int g = 0; g < f.gt().size(); g++) {
                    int objId = f.gt().get(g).objId();
                    PpfModel pm = models.get(objId);
                    if (pm == null) {
                        long t0 = System.nanoTime();
                        long c0 = mx.getCurrentThreadCpuTime();
                        pm = est.prepare(YcbvFrames.objectModel(ds, objId));
                        prepMs.put(objId, (mx.getCurrentThreadCpuTime() - c0) / 1_000_000);
                        models.put(objId, pm);
                    }
                    long t0 = System.nanoTime();
                    long c0 = mx.getCurrentThreadCpuTime();
                    List<PoseResult> res = est.estimate(frame, List.of(dets.get(g)), List.<PreparedModel>of(pm), false);
                    long cpuMs = (mx.getCurrentThreadCpuTime() - c0) / 1_000_000;
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    times.add(cpuMs);
                    RigidTransform gt = f.gt().get(g).modelToCamera();
                    boolean sym = ds.modelInfo(objId).symmetricAdds();
                    double thr = 0.1 * ds.modelInfo(objId).diameter();
                    double err = Double.POSITIVE_INFINITY, errS = Double.POSITIVE_INFINITY, rot = Double.NaN, tr = Double.NaN, score = Double.NaN;
                    if (!res.isEmpty()) {
                        RigidTransform p = res.get(0).modelToCamera();
                        err = PoseAccuracy.addOrAdds(YcbvFrames.evalPoints(ds, objId), p, gt, sym);
                        errS = PoseAccuracy.adds(YcbvFrames.evalPoints(ds, objId), p, gt);
                        rot = Math.toDegrees(p.rotationAngleTo(gt));
                        tr = p.translationDistanceTo(gt);
                        score = res.get(0).score();
                    }
                    boolean ok = err < thr;
                    hits += ok ? 1 : 0;
                    symHits += errS < thr ? 1 : 0;
                    total++;
                    int[] po = perObj.computeIfAbsent(objId, k -> new int[2]);
                    po[0] += ok ? 1 : 0;
                    po[1]++;
                    System.out.printf("%5d %5d %3d %8.1f %7.1f %s %8.1f %8.1f %9.1f %6.3f %6d %6d%n", scene, f.imageId(),
                            objId, err, thr, ok ? "Y " : "n ", errS, rot, tr, score, cpuMs, ms);
                    if (!res.isEmpty() && !res.get(0).decision().isEmpty()) {
                        System.out.println("      " + res.get(0).decision());
                    }
                }
            }
        }
        System.out.println("prepare cpu ms per object: " + prepMs);
        perObj.forEach((k, v) -> System.out.printf("obj %2d (%s): %d/%d%n", k, ds.modelInfo(k).name(), v[0], v[1]));
        times.sort(Long::compare);
        System.out.printf("ADD(-S)@0.1d recall: %d/%d = %.3f; ADD-S for all objects: %d/%d = %.3f; "
                + "cpu ms per object median %d, max %d%n", hits, total, hits / (double) total, symHits, total,
                symHits / (double) total, times.get(times.size() / 2), times.get(times.size() - 1));
    }

    private PoseBenchmark() {
    }
}
