package io.sam6d.vision.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.sam6d.vision.image.Mask;

/**
 * Scores instance masks against ground-truth visible masks. Per object and image, detections (best score first)
 * each take the not yet matched instance with the highest mask IoU, if that IoU is at least
 * {@link #IOU_THRESHOLD}. A detection matched to a valid instance is a true positive; one matched to an instance
 * that is not a target (visible fraction below 0.1) is ignored, as BOP ignores detections of such instances;
 * any other detection is a false positive. Recall = true positives / valid instances, precision = true positives /
 * counted detections; mask IoU = mean, over valid instances, of the best IoU any detection of the object reaches
 * (0 when none). Not thread-safe.
 */
public final class SegmentationEvaluator {

    /** Least IoU for a detection to count as finding an instance. */
    public static final double IOU_THRESHOLD = 0.5;

    private final Map<Integer, Tally> tallies = new TreeMap<>();

    /**
     * A ground-truth instance.
     *
     * @param valid a target (visible enough); detections that match an invalid instance are ignored
     */
    public record GtInstance(int objId, Mask mask, boolean valid) {
    }

    /** A detection of an object, its mask frame-sized. */
    public record ScoredMask(int objId, double score, Mask mask) {
    }

    /**
     * How one frame's detections matched.
     *
     * @param detectionMatch per detection (input order): the index of the instance it found, {@link #FALSE} for a
     *                       false positive, {@link #IGNORED} when it matched an instance that is not a target
     * @param found          per instance (input order): whether a detection found it
     * @param instances      valid instances
     * @param truePositives  valid instances found
     * @param falsePositives detections that found nothing (detections of absent objects among them)
     */
    public record FrameMatch(int[] detectionMatch, boolean[] found, int instances, int truePositives,
            int falsePositives) {
    }

    /** {@link FrameMatch#detectionMatch} of a false positive. */
    public static final int FALSE = -1;
    /** {@link FrameMatch#detectionMatch} of a detection of an instance that is not a target. */
    public static final int IGNORED = -2;

    /**
     * Scores one frame. Detections of objects with no instance in the frame (queried as absent) are false
     * positives.
     */
    public FrameMatch addFrame(List<GtInstance> gts, List<ScoredMask> detections) {
        Map<Integer, List<Integer>> gtByObj = new TreeMap<>();
        for (int j = 0; j < gts.size(); j++) {
            gtByObj.computeIfAbsent(gts.get(j).objId(), k -> new ArrayList<>()).add(j);
        }
        Map<Integer, List<Integer>> detByObj = new TreeMap<>();
        for (int i = 0; i < detections.size(); i++) {
            detByObj.computeIfAbsent(detections.get(i).objId(), k -> new ArrayList<>()).add(i);
        }
        int[] match = new int[detections.size()];
        boolean[] found = new boolean[gts.size()];
        int instances = 0, tps = 0, fps = 0;
        java.util.Set<Integer> objs = new java.util.TreeSet<>(gtByObj.keySet());
        objs.addAll(detByObj.keySet());
        for (int objId : objs) {
            List<Integer> g = gtByObj.getOrDefault(objId, List.of());
            List<Integer> d = new ArrayList<>(detByObj.getOrDefault(objId, List.of()));
            d.sort(Comparator.comparingDouble((Integer i) -> detections.get(i).score()).reversed());
            double[][] iou = new double[d.size()][g.size()];
            for (int i = 0; i < d.size(); i++) {
                for (int j = 0; j < g.size(); j++) {
                    iou[i][j] = detections.get(d.get(i)).mask().iou(gts.get(g.get(j)).mask());
                }
            }
            Tally t = tallies.computeIfAbsent(objId, Tally::new);
            boolean[] taken = new boolean[g.size()];
            for (int i = 0; i < d.size(); i++) {
                int best = -1;
                double bestIou = IOU_THRESHOLD;
                for (int j = 0; j < g.size(); j++) {
                    if (!taken[j] && iou[i][j] >= bestIou) {
                        bestIou = iou[i][j];
                        best = j;
                    }
                }
                if (best < 0) {
                    t.detections++;
                    fps++;
                    match[d.get(i)] = FALSE;
                } else {
                    taken[best] = true;
                    if (gts.get(g.get(best)).valid()) {
                        t.detections++;
                        t.tp++;
                        tps++;
                        match[d.get(i)] = g.get(best);
                        found[g.get(best)] = true;
                    } else {
                        match[d.get(i)] = IGNORED;
                    }
                }
            }
            for (int j = 0; j < g.size(); j++) {
                if (!gts.get(g.get(j)).valid()) {
                    continue;
                }
                t.instances++;
                instances++;
                double bestIou = 0;
                for (int i = 0; i < d.size(); i++) {
                    bestIou = Math.max(bestIou, iou[i][j]);
                }
                t.iouSum += bestIou;
            }
        }
        return new FrameMatch(match, found, instances, tps, fps);
    }

    /** Adds what another evaluator scored (another dataset whose object ids name the same objects). */
    public void addAll(SegmentationEvaluator other) {
        other.tallies.forEach((id, o) -> {
            Tally t = tallies.computeIfAbsent(id, Tally::new);
            t.instances += o.instances;
            t.detections += o.detections;
            t.tp += o.tp;
            t.iouSum += o.iouSum;
        });
    }

    /** Scores so far, by object id, and pooled over all objects. */
    public Scores scores() {
        List<ObjectScores> per = new ArrayList<>();
        Tally total = new Tally(0);
        for (Tally t : tallies.values()) {
            per.add(t.toScores());
            total.instances += t.instances;
            total.detections += t.detections;
            total.tp += t.tp;
            total.iouSum += t.iouSum;
        }
        return new Scores(List.copyOf(per), total.toScores());
    }

    /**
     * @param instances  valid ground-truth instances
     * @param detections counted detections (those matched to an ignored instance left out)
     * @param recall     tp / instances, 0 when there is no instance
     * @param precision  tp / detections, NaN when there is no detection
     * @param meanIou    mean best IoU over the instances, 0 when there is no instance
     */
    public record ObjectScores(int objId, int instances, int detections, int truePositives, double recall,
            double precision, double meanIou) {
    }

    public record Scores(List<ObjectScores> perObject, ObjectScores overall) {
    }

    private static final class Tally {
        final int objId;
        int instances;
        int detections;
        int tp;
        double iouSum;

        Tally(int objId) {
            this.objId = objId;
        }

        ObjectScores toScores() {
            return new ObjectScores(objId, instances, detections, tp, instances == 0 ? 0 : tp / (double) instances,
                    detections == 0 ? Double.NaN : tp / (double) detections,
                    instances == 0 ? 0 : iouSum / instances);
        }
    }
}
