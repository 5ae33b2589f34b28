package io.sam6d.vision.eval;

import java.io.PrintStream;
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
 * IoU, ADD(-S) recall at 0.1 diameter, MSSD and MSPD average recall and their mean (AR), the false-detection rate on
 * objects asked for but absent, and seconds per frame of the segmentation (ISM) and pose (PEM) engines; per frame,
 * what was found and missed. A figure that was not measured (no engine ran, no target) is NaN, printed as
 * {@code -} and written as JSON null.
 *
 * @param dataset              the dataset's name, or the names of several joined by {@code +}
 * @param queries              which objects each frame was asked for: {@code gt} (its ground truth, plus
 *                             {@code absent} others) or {@code all} (every object of the dataset)
 * @param frames               frames run
 * @param failedFrames         frames on which an engine threw (their targets count as missed)
 * @param framesWithoutGtMasks frames whose segmentation could not be scored (no mask_visib/ or label/)
 * @param frameRows            one per frame, in run order
 * @param ismPrepareSec        time the segmentation engine spent preparing objects (not in the per-frame times)
 * @param pemPrepareSec        the same for the pose engine
 */
public record BenchmarkReport(String dataset, String split, String ism, String pem, boolean pemOnGtMasks,
        String queries, int absent, int frames, int failedFrames, int framesWithoutGtMasks, List<Row> rows,
        Row overall, List<FrameRow> frameRows, Timing ismTiming, Timing pemTiming, double ismPrepareSec,
        double pemPrepareSec, List<String> notes) {

    /**
     * One object (objId 0 and name {@code all} for the pooled figures).
     *
     * @param instances        valid ground-truth instances seen by segmentation scoring
     * @param detections       detections counted (false positives on absent objects included)
     * @param targets          pose targets (instances at least 10 % visible)
     * @param addS             ADD(-S) (closest point) was used in place of ADD
     * @param mssdRecalls      recall per MSSD threshold 0.05..0.5 of the diameter
     * @param mspdRecalls      recall per MSPD threshold 5..50 px (at width 640)
     * @param absentQueries    frames on which the object was asked for but is not in the ground truth
     * @param absentDetections detections of the object on those frames (false detections)
     */
    public record Row(int objId, String name, int instances, int detections, double detRecall, double detPrecision,
            double maskIou, int targets, double addRecall, double arMssd, double arMspd, double ar, boolean addS,
            double[] mssdRecalls, double[] mspdRecalls, int absentQueries, int absentDetections) {

        /** Detections of absent objects per absent-object query; NaN without such a query. */
        public double falseDetectionRate() {
            return absentQueries == 0 ? Double.NaN : absentDetections / (double) absentQueries;
        }
    }

    /**
     * One frame.
     *
     * @param dataset          the dataset's name (runs over several datasets)
     * @param queried          objects asked for
     * @param instances        valid ground-truth instances (visible fraction at least 0.1)
     * @param found            of them, found by a detection at mask IoU 0.5 (-1 when no segmentation engine ran)
     * @param falseDetections  detections that found no instance (of present or absent objects)
     * @param absentDetections of those, detections of objects that are not in the frame
     * @param targets          pose targets
     * @param addHits          targets posed within ADD(-S) 0.1 diameter (-1 when no pose engine ran)
     * @param ismSec           seconds of the segmentation engine (NaN when it did not run)
     * @param pemSec           seconds of the pose engine (NaN when it did not run)
     */
    public record FrameRow(String dataset, int sceneId, int imageId, int queried, int instances, int found,
            int falseDetections, int absentDetections, int targets, int addHits, double ismSec, double pemSec,
            boolean failed) {

        public double recall() {
            return found < 0 || instances == 0 ? Double.NaN : found / (double) instances;
        }

        public double addRecall() {
            return addHits < 0 || targets == 0 ? Double.NaN : addHits / (double) targets;
        }
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

    /**
     * Joins segmentation and pose scores by object. Either may be null when that engine did not run.
     *
     * @param absent per object: {queries on which it was absent, detections of it there}; may be empty
     */
    static List<Row> rows(SegmentationEvaluator.Scores seg, PoseEvaluator.Scores pose, IntFunction<String> names,
            IntFunction<Boolean> addS, Map<Integer, int[]> absent) {
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
        ids.addAll(absent.keySet());
        List<Row> out = new ArrayList<>();
        for (int id : ids) {
            out.add(row(id, names.apply(id), s.get(id), p.get(id), addS.apply(id), absent.get(id)));
        }
        return out;
    }

    /** The pooled absent-object counts of {@link #rows}' {@code absent}. */
    static int[] absentTotal(Map<Integer, int[]> absent) {
        int[] t = new int[2];
        absent.values().forEach(a -> {
            t[0] += a[0];
            t[1] += a[1];
        });
        return t;
    }

    /** @param absent {queries on which the object was absent, detections of it there}, or null for none */
    static Row row(int objId, String name, SegmentationEvaluator.ObjectScores s, PoseEvaluator.ObjectScores p,
            boolean addS, int[] absent) {
        double nan = Double.NaN;
        boolean hasSeg = s != null;
        boolean hasPose = p != null && p.targets() > 0;
        return new Row(objId, name, hasSeg ? s.instances() : 0, hasSeg ? s.detections() : 0,
                hasSeg && s.instances() > 0 ? s.recall() : nan, hasSeg ? s.precision() : nan,
                hasSeg && s.instances() > 0 ? s.meanIou() : nan, p == null ? 0 : p.targets(),
                hasPose ? p.addRecall() : nan, hasPose ? p.arMssd() : nan, hasPose ? p.arMspd() : nan,
                hasPose ? p.ar() : nan, addS, hasPose ? p.mssdRecalls() : new double[0],
                hasPose ? p.mspdRecalls() : new double[0], absent == null ? 0 : absent[0], absent == null ? 0 : absent[1]);
    }

    /** The tables the benchmark prints: per object, then per frame. */
    public void print(PrintStream out) {
        out.printf(Locale.ROOT, "%s/%s  ISM=%s  PEM=%s%s  queries=%s  frames=%d%s%n", dataset, split, ism, pem,
                pemOnGtMasks ? "  (PEM on ground-truth masks)" : "",
                queries.equals("all") ? "all" : absent > 0 ? "gt+" + absent + " absent" : "gt", frames,
                failedFrames > 0 ? "  failed=" + failedFrames : "");
        String head = String.format(Locale.ROOT, "%-4s %-24s %5s %7s %8s %8s %5s %8s %6s %6s %6s %6s %7s",
                "obj", "name", "inst", "det_rec", "det_prec", "mask_iou", "tgts", "ADD(-S)", "MSSD", "MSPD", "AR",
                "absent", "fd_rate");
        out.println(head);
        out.println("-".repeat(head.length()));
        for (Row r : rows) {
            printRow(out, String.valueOf(r.objId()), r.name() + (r.addS() ? " *" : ""), r);
        }
        if (!rows.isEmpty()) {
            out.println("-".repeat(head.length()));
        }
        printRow(out, "all", "", overall);
        if (overall.absentQueries() > 0) {
            out.printf(Locale.ROOT, "false detections of absent objects: %d in %d queries (%.1f %%)%n",
                    overall.absentDetections(), overall.absentQueries(), 100 * overall.falseDetectionRate());
        }
        out.printf(Locale.ROOT, "ISM s/frame: median %s, p90 %s   PEM s/frame: median %s, p90 %s   "
                + "(prepare: ISM %.2f s, PEM %.2f s)%n", sec(ismTiming.medianSec()), sec(ismTiming.p90Sec()),
                sec(pemTiming.medianSec()), sec(pemTiming.p90Sec()), ismPrepareSec, pemPrepareSec);
        if (rows.stream().anyMatch(Row::addS)) {
            out.println("* scored with ADD-S (symmetric object)");
        }
        if (!frameRows.isEmpty()) {
            out.println();
            boolean several = frameRows.stream().map(FrameRow::dataset).distinct().count() > 1;
            String fh = String.format(Locale.ROOT, "%-" + (several ? 28 : 13) + "s %5s %5s %6s %5s %6s %5s %5s %7s %7s %7s",
                    "frame", "asked", "inst", "found", "recall", "false", "absnt", "tgts", "ADD_ok", "ISM_s", "PEM_s");
            out.println(fh);
            out.println("-".repeat(fh.length()));
            for (FrameRow f : frameRows) {
                String id = (several ? f.dataset() + " " : "") + f.sceneId() + "/" + f.imageId();
                out.printf(Locale.ROOT, "%-" + (several ? 28 : 13) + "s %5d %5d %6s %5s %6d %5d %5d %7s %7s %7s%s%n",
                        id.length() > (several ? 28 : 13) ? id.substring(id.length() - (several ? 28 : 13)) : id,
                        f.queried(), f.instances(), f.found() < 0 ? "-" : String.valueOf(f.found()), f2(f.recall()),
                        f.falseDetections(), f.absentDetections(), f.targets(),
                        f.addHits() < 0 ? "-" : String.valueOf(f.addHits()), sec(f.ismSec()), sec(f.pemSec()),
                        f.failed() ? "  FAILED" : "");
            }
        }
        for (String n : notes) {
            out.println("note: " + n);
        }
    }

    private static void printRow(PrintStream out, String id, String name, Row r) {
        out.printf(Locale.ROOT, "%-4s %-24s %5d %7s %8s %8s %5d %8s %6s %6s %6s %6d %7s%n", id,
                name.length() > 24 ? name.substring(0, 24) : name, r.instances(), f(r.detRecall()),
                f(r.detPrecision()), f(r.maskIou()), r.targets(), f(r.addRecall()), f(r.arMssd()), f(r.arMspd()),
                f(r.ar()), r.absentQueries(), f(r.falseDetectionRate()));
    }

    private static String f2(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
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
        root.put("queries", queries);
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
        ArrayNode fr = root.putArray("frames_detail");
        for (FrameRow f : frameRows) {
            ObjectNode o = fr.addObject();
            o.put("dataset", f.dataset());
            o.put("scene_id", f.sceneId());
            o.put("im_id", f.imageId());
            o.put("queried", f.queried());
            o.put("instances", f.instances());
            count(o, "found", f.found());
            num(o, "recall", f.recall());
            o.put("false_detections", f.falseDetections());
            o.put("absent_detections", f.absentDetections());
            o.put("targets", f.targets());
            count(o, "add_hits", f.addHits());
            num(o, "add_recall", f.addRecall());
            num(o, "ism_seconds", f.ismSec());
            num(o, "pem_seconds", f.pemSec());
            o.put("failed", f.failed());
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
        EvalOutputs.writeJson(file, toJson());
    }

    /** The per-frame table as CSV. */
    public void writeFramesCsv(Path file) {
        StringBuilder sb = new StringBuilder("dataset,scene_id,im_id,queried,instances,found,recall,false_detections,"
                + "absent_detections,targets,add_hits,add_recall,ism_seconds,pem_seconds,failed\n");
        for (FrameRow f : frameRows) {
            sb.append(String.join(",", f.dataset(), String.valueOf(f.sceneId()), String.valueOf(f.imageId()),
                    String.valueOf(f.queried()), String.valueOf(f.instances()), f.found() < 0 ? "" : String.valueOf(f.found()),
                    csv(f.recall()), String.valueOf(f.falseDetections()), String.valueOf(f.absentDetections()),
                    String.valueOf(f.targets()), f.addHits() < 0 ? "" : String.valueOf(f.addHits()), csv(f.addRecall()),
                    csv(f.ismSec()), csv(f.pemSec()), String.valueOf(f.failed()))).append('\n');
        }
        EvalOutputs.writeString(file, sb.toString());
    }

    private static String csv(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
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
        o.put("absent_queries", r.absentQueries());
        o.put("absent_detections", r.absentDetections());
        num(o, "false_detection_rate", r.falseDetectionRate());
    }

    private static void timing(ObjectNode o, Timing t) {
        o.put("frames", t.frames());
        num(o, "median", t.medianSec());
        num(o, "p90", t.p90Sec());
        num(o, "mean", t.meanSec());
    }

    /** A count, or null when it was not measured (negative). */
    private static void count(ObjectNode o, String key, int v) {
        if (v >= 0) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
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
