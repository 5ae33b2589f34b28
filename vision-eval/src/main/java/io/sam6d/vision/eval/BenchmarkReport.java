package io.sam6d.vision.eval;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a benchmark run measured: per object and overall, detection recall and precision at mask IoU 0.5, mean mask
 * IoU, ADD(-S) recall at 0.1 diameter, MSSD and MSPD average recall and their mean (AR), and seconds per frame of
 * the segmentation (ISM) and pose (PEM) engines. A figure that was not measured (no engine ran, no target) is NaN,
 * printed as {@code -} and written as JSON null.
 *
 * @param frames               frames run
 * @param failedFrames         frames on which an engine threw (their targets count as missed)
 * @param framesWithoutGtMasks frames whose segmentation could not be scored (no mask_visib/ or label/)
 * @param ismPrepareSec        time the segmentation engine spent preparing objects (not in the per-frame times)
 * @param pemPrepareSec        the same for the pose engine
 */
public record BenchmarkReport(String dataset, String split, String ism, String pem, boolean pemOnGtMasks, int absent,
        int frames, int failedFrames, int framesWithoutGtMasks, List<Row> rows, Row overall, Timing ismTiming,
        Timing pemTiming, double ismPrepareSec, double pemPrepareSec, List<String> notes) {

    /**
     * One object (objId 0 and name {@code all} for the pooled figures).
     *
     * @param instances    valid ground-truth instances seen by segmentation scoring
     * @param detections   detections counted (false positives on absent objects included)
     * @param targets      pose targets (instances at least 10 % visible)
     * @param addS         ADD-S (closest point) was used in place of ADD
     * @param mssdRecalls  recall per MSSD threshold 0.05..0.5 of the diameter
     * @param mspdRecalls  recall per MSPD threshold 5..50 px (at width 640)
     */
    public record Row(int objId, String name, int instances, int detections, double detRecall, double detPrecision,
            double maskIou, int targets, double addRecall, double arMssd, double arMspd, double ar, boolean addS,
            double[] mssdRecalls, double[] mspdRecalls) {
    }

    /** Seconds per frame of one engine; NaN when it did not run. */
    public record Timing(int frames, double medianSec, double p90Sec, double meanSec) {

        public static Timing of(List<Double> seconds) {
            if (seconds.isEmpty()) {
                return new Timing(0, Double.NaN, Double.NaN, Double.NaN);
            }
            double[] s = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return new Timing(s.length, percentile(s, 50), percentile(s, 90), Arrays.stream(s).average().orElse(0));
        }

        /** Linear interpolation between closest ranks (numpy's default). */
        static double percentile(double[] sorted, double p) {
            double pos = (sorted.length - 1) * p / 100;
            int lo = (int) Math.floor(pos);
            int hi = Math.min(sorted.length - 1, lo + 1);
            return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
        }
    }

    /** Joins segmentation and pose scores by object. Either may be null when that engine did not run. */
    static List<Row> rows(SegmentationEvaluator.Scores seg, PoseEvaluator.Scores pose, IntFunction<String> names,
            IntFunction<Boolean> addS) {
        Map<Integer, SegmentationEvaluator.ObjectScores> s = new TreeMap<>();
        Map<Integer, PoseEvaluator.ObjectScores> p = new TreeMap<>();
        if (seg != null) {
            seg.perObject().forEach(o -> s.put(o.objId(), o));
        }
        if (pose != null) {
            pose.perObject().forEach(o -> p.put(o.objId(), o));
        }
        java.util.Set<Integer> ids = new java.util.TreeSet<>(s.keySet());
        ids.addAll(p.keySet());
        List<Row> out = new ArrayList<>();
        for (int id : ids) {
            out.add(row(id, names.apply(id), s.get(id), p.get(id), addS.apply(id)));
        }
        return out;
    }

    static Row row(int objId, String name, SegmentationEvaluator.ObjectScores s, PoseEvaluator.ObjectScores p,
            boolean addS) {
        double nan = Double.NaN;
        boolean hasSeg = s != null;
        boolean hasPose = p != null && p.targets() > 0;
        return new Row(objId, name, hasSeg ? s.instances() : 0, hasSeg ? s.detections() : 0,
                hasSeg && s.instances() > 0 ? s.recall() : nan, hasSeg ? s.precision() : nan,
                hasSeg && s.instances() > 0 ? s.meanIou() : nan, p == null ? 0 : p.targets(),
                hasPose ? p.addRecall() : nan, hasPose ? p.arMssd() : nan, hasPose ? p.arMspd() : nan,
                hasPose ? p.ar() : nan, addS, hasPose ? p.mssdRecalls() : new double[0],
                hasPose ? p.mspdRecalls() : new double[0]);
    }

    /** The table the benchmark prints. */
    public void print(PrintStream out) {
        out.printf(Locale.ROOT, "%s/%s  ISM=%s  PEM=%s%s%s  frames=%d%s%n", dataset, split, ism, pem,
                pemOnGtMasks ? "  (PEM on ground-truth masks)" : "", absent > 0 ? "  absent=" + absent : "", frames,
                failedFrames > 0 ? "  failed=" + failedFrames : "");
        String head = String.format(Locale.ROOT, "%-4s %-24s %5s %7s %8s %8s %5s %8s %6s %6s %6s",
                "obj", "name", "inst", "det_rec", "det_prec", "mask_iou", "tgts", "ADD(-S)", "MSSD", "MSPD", "AR");
        out.println(head);
        out.println("-".repeat(head.length()));
        for (Row r : rows) {
            printRow(out, String.valueOf(r.objId()), r.name() + (r.addS() ? " *" : ""), r);
        }
        out.println("-".repeat(head.length()));
        printRow(out, "all", "", overall);
        out.printf(Locale.ROOT, "ISM s/frame: median %s, p90 %s   PEM s/frame: median %s, p90 %s   "
                + "(prepare: ISM %.2f s, PEM %.2f s)%n", sec(ismTiming.medianSec()), sec(ismTiming.p90Sec()),
                sec(pemTiming.medianSec()), sec(pemTiming.p90Sec()), ismPrepareSec, pemPrepareSec);
        if (rows.stream().anyMatch(Row::addS)) {
            out.println("* scored with ADD-S (symmetric object)");
        }
        for (String n : notes) {
            out.println("note: " + n);
        }
    }

    private static void printRow(PrintStream out, String id, String name, Row r) {
        out.printf(Locale.ROOT, "%-4s %-24s %5d %7s %8s %8s %5d %8s %6s %6s %6s%n", id,
                name.length() > 24 ? name.substring(0, 24) : name, r.instances(), f(r.detRecall()),
                f(r.detPrecision()), f(r.maskIou()), r.targets(), f(r.addRecall()), f(r.arMssd()), f(r.arMspd()),
                f(r.ar()));
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String sec(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    public ObjectNode toJson() {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("dataset", dataset);
        root.put("split", split);
        root.put("ism", ism);
        root.put("pem", pem);
        root.put("pem_on_gt_masks", pemOnGtMasks);
        root.put("absent", absent);
        root.put("frames", frames);
        root.put("failed_frames", failedFrames);
        root.put("frames_without_gt_masks", framesWithoutGtMasks);
        ObjectNode thr = root.putObject("thresholds");
        thr.put("iou", SegmentationEvaluator.IOU_THRESHOLD);
        thr.put("add_diameter_fraction", PoseEvaluator.ADD_THRESHOLD);
        numbers(thr.putArray("mssd_diameter_fractions"), PoseEvaluator.MSSD_THRESHOLDS);
        numbers(thr.putArray("mspd_px_at_width_640"), PoseEvaluator.MSPD_THRESHOLDS_PX);
        thr.put("visib_gt_min", PoseEvaluator.VISIB_GT_MIN);
        row(root.putObject("overall"), overall);
        ArrayNode objs = root.putArray("objects");
        for (Row r : rows) {
            row(objs.addObject(), r);
        }
        timing(root.putObject("ism_seconds_per_frame"), ismTiming);
        timing(root.putObject("pem_seconds_per_frame"), pemTiming);
        num(root, "ism_prepare_seconds", ismPrepareSec);
        num(root, "pem_prepare_seconds", pemPrepareSec);
        ArrayNode n = root.putArray("notes");
        notes.forEach(n::add);
        return root;
    }

    public void writeJson(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void row(ObjectNode o, Row r) {
        o.put("obj_id", r.objId());
        o.put("name", r.name());
        o.put("add_s", r.addS());
        o.put("instances", r.instances());
        o.put("detections", r.detections());
        num(o, "det_recall", r.detRecall());
        num(o, "det_precision", r.detPrecision());
        num(o, "mask_iou", r.maskIou());
        o.put("targets", r.targets());
        num(o, "add_recall", r.addRecall());
        num(o, "ar_mssd", r.arMssd());
        num(o, "ar_mspd", r.arMspd());
        num(o, "ar", r.ar());
        numbers(o.putArray("mssd_recalls"), r.mssdRecalls());
        numbers(o.putArray("mspd_recalls"), r.mspdRecalls());
    }

    private static void timing(ObjectNode o, Timing t) {
        o.put("frames", t.frames());
        num(o, "median", t.medianSec());
        num(o, "p90", t.p90Sec());
        num(o, "mean", t.meanSec());
    }

    private static void num(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    private static void numbers(ArrayNode a, double[] v) {
        for (double x : v) {
            if (Double.isFinite(x)) {
                a.add(x);
            } else {
                a.addNull();
            }
        }
    }
}
