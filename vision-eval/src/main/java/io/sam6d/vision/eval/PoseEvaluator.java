package io.sam6d.vision.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

import io.sam6d.vision.eval.bop.BopEstimate;
import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.io.bop.BopFrame;

/**
 * Scores pose estimates against ground truth as the BOP toolkit does for the 6D localisation task
 * ({@code eval_calc_errors.py}, {@code eval_calc_scores.py}, {@code score.py}):
 * <ul>
 *   <li>A ground-truth instance is a target when its visible fraction is at least {@link #VISIB_GT_MIN} (every
 *       instance counts when the dataset has no {@code scene_gt_info.json}).</li>
 *   <li>For each object in an image with k targets, the k estimates with the highest scores are evaluated
 *       (BOP's {@code n_top = -1}); estimates of objects without a target in the image are ignored.</li>
 *   <li>Errors: ADD(-S) and MSSD divided by the object diameter, MSPD multiplied by 640 / image width. As in BOP,
 *       ADD(-S) and MSSD count as infinite when the two translations are a diameter or more apart.</li>
 *   <li>For each threshold separately, estimates are matched greedily ({@link PoseMatching}); recall = matches /
 *       targets. The average recall of a metric is the mean of its recalls over its thresholds; overall figures
 *       pool all targets (they are not means of per-object figures).</li>
 * </ul>
 * Not thread-safe; feed it from one thread.
 */
public final class PoseEvaluator {

    /** Instances less visible than this are not targets (BOP19's {@code visib_gt_min}). */
    public static final double VISIB_GT_MIN = 0.1;
    /** ADD(-S) threshold as a fraction of the diameter. */
    public static final double ADD_THRESHOLD = 0.1;
    /** MSSD thresholds as fractions of the diameter: 0.05, 0.10, ..., 0.50 (BOP's {@code np.arange(0.05, 0.51, 0.05)}). */
    public static final double[] MSSD_THRESHOLDS = arange(0.05, 0.51, 0.05);
    /** MSPD thresholds in pixels at an image width of 640: 5, 10, ..., 50. */
    public static final double[] MSPD_THRESHOLDS_PX = arange(5, 51, 5);
    /** Image width at which {@link #MSPD_THRESHOLDS_PX} apply; wider images get proportionally larger thresholds. */
    public static final double MSPD_REFERENCE_WIDTH = 640;

    private static final double CAP_SLACK = 1 + 1e-9;

    private final IntFunction<EvalModel> models;
    private final Map<Integer, Tally> tallies = new TreeMap<>();
    private final List<EstimateErrors> evaluated = new ArrayList<>();

    /** @param models the evaluation model of an object id (cache them: they hold a point grid) */
    public PoseEvaluator(IntFunction<EvalModel> models) {
        this.models = models;
    }

    /**
     * How one frame's estimates fared at the ADD(-S) threshold.
     *
     * @param targets   instances that are targets
     * @param addHits   targets an estimate matched below the ADD(-S) threshold
     * @param gtHit     per ground-truth instance (frame order): matched below the threshold
     * @param estimateHit per estimate (input order): the instance it matched below the threshold, or -1
     */
    public record FrameMatch(int targets, int addHits, boolean[] gtHit, int[] estimateHit) {
    }

    /** Scores the estimates of one frame; estimates for other frames are ignored. */
    public FrameMatch addFrame(BopFrame frame, int imageWidth, List<BopEstimate> estimates) {
        List<BopFrame.GtPose> gt = frame.gt();
        boolean[] valid = new boolean[gt.size()];
        for (int g = 0; g < gt.size(); g++) {
            valid[g] = frame.gtInfo().size() != gt.size() || frame.gtInfo().get(g).visibFract() >= VISIB_GT_MIN;
        }
        Map<Integer, List<Integer>> targetsByObj = new TreeMap<>();
        for (int g = 0; g < gt.size(); g++) {
            if (valid[g]) {
                targetsByObj.computeIfAbsent(gt.get(g).objId(), k -> new ArrayList<>()).add(g);
            }
        }
        boolean[] gtHit = new boolean[gt.size()];
        int[] estimateHit = new int[estimates.size()];
        java.util.Arrays.fill(estimateHit, -1);
        int targets = 0, hits = 0;
        for (Map.Entry<Integer, List<Integer>> entry : targetsByObj.entrySet()) {
            int objId = entry.getKey();
            List<Integer> gIdx = entry.getValue();
            int k = gIdx.size();
            targets += k;
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < estimates.size(); i++) {
                BopEstimate e = estimates.get(i);
                if (e.objId() == objId && e.sceneId() == frame.sceneId() && e.imageId() == frame.imageId()) {
                    order.add(i);
                }
            }
            order.sort(Comparator.comparingDouble((Integer i) -> estimates.get(i).score()).reversed());
            List<Integer> kept = order.subList(0, Math.min(k, order.size()));
            List<BopEstimate> ests = kept.stream().map(estimates::get).toList();
            Tally tally = tallies.computeIfAbsent(objId, Tally::new);
            tally.targets += k;
            tally.estimates += ests.size();
            if (ests.isEmpty()) {
                continue;
            }
            EvalModel model = models.apply(objId);
            double d = model.diameterMm();
            double pxFactor = MSPD_REFERENCE_WIDTH / imageWidth;
            double addCap = ADD_THRESHOLD * d * CAP_SLACK;
            double mssdCap = MSSD_THRESHOLDS[MSSD_THRESHOLDS.length - 1] * d * CAP_SLACK;
            double mspdCap = MSPD_THRESHOLDS_PX[MSPD_THRESHOLDS_PX.length - 1] / pxFactor * CAP_SLACK;
            CameraIntrinsics cam = frame.camera();

            double[][] add = new double[ests.size()][k];
            double[][] mssd = new double[ests.size()][k];
            double[][] mspd = new double[ests.size()][k];
            for (int e = 0; e < ests.size(); e++) {
                RigidTransform est = ests.get(e).modelToCamera();
                for (int j = 0; j < k; j++) {
                    RigidTransform truth = gt.get(gIdx.get(j)).modelToCamera();
                    // BOP's shortcut: ADD(-S) and MSSD are not computed (infinite) when the translations are a
                    // diameter or more apart; a cap of 0 asks for no figure
                    boolean spheresOverlap = est.translationDistanceTo(truth) < d;
                    double[] err = PoseErrors.all(model, est, truth, cam, spheresOverlap ? addCap : 0,
                            spheresOverlap ? mssdCap : 0, mspdCap);
                    add[e][j] = err[0] / d;
                    mssd[e][j] = err[1] / d;
                    mspd[e][j] = err[2] * pxFactor;
                }
            }
            boolean[] all = new boolean[k];
            java.util.Arrays.fill(all, true);
            int[] addMatch = PoseMatching.match(add, all, ADD_THRESHOLD);
            for (int e = 0; e < addMatch.length; e++) {
                if (addMatch[e] >= 0) {
                    tally.tpAdd++;
                    hits++;
                    gtHit[gIdx.get(addMatch[e])] = true;
                    estimateHit[kept.get(e)] = gIdx.get(addMatch[e]);
                }
            }
            for (int t = 0; t < MSSD_THRESHOLDS.length; t++) {
                tally.tpMssd[t] += PoseMatching.countMatches(mssd, all, MSSD_THRESHOLDS[t]);
            }
            for (int t = 0; t < MSPD_THRESHOLDS_PX.length; t++) {
                tally.tpMspd[t] += PoseMatching.countMatches(mspd, all, MSPD_THRESHOLDS_PX[t]);
            }
            for (int e = 0; e < ests.size(); e++) {
                BopEstimate est = ests.get(e);
                evaluated.add(new EstimateErrors(est.sceneId(), est.imageId(), objId, est.score(), min(add[e]),
                        min(mssd[e]), min(mspd[e])));
            }
        }
        return new FrameMatch(targets, hits, gtHit, estimateHit);
    }

    /** Adds what another evaluator scored (another dataset whose object ids name the same objects). */
    public void addAll(PoseEvaluator other) {
        other.tallies.forEach((id, o) -> tallies.computeIfAbsent(id, Tally::new).add(o));
        evaluated.addAll(other.evaluated);
    }

    /** Scores so far: one entry per object that had a target, by object id, and the pooled overall figures. */
    public Scores scores() {
        List<ObjectScores> per = new ArrayList<>();
        Tally total = new Tally(0);
        for (Tally t : tallies.values()) {
            per.add(t.toScores());
            total.add(t);
        }
        return new Scores(List.copyOf(per), total.toScores());
    }

    /** The smallest normalised errors of every evaluated estimate, in evaluation order. */
    public List<EstimateErrors> evaluatedEstimates() {
        return List.copyOf(evaluated);
    }

    /**
     * Recalls of one object (objId 0 for the pooled figures). Recalls are 0 when there is no target.
     *
     * @param targets      ground-truth instances to find
     * @param estimates    estimates that were evaluated (at most one per target)
     * @param addRecall    ADD(-S) below 0.1 diameter
     * @param mssdRecalls  per threshold of {@link #MSSD_THRESHOLDS}
     * @param mspdRecalls  per threshold of {@link #MSPD_THRESHOLDS_PX}
     * @param arMssd       mean of mssdRecalls
     * @param arMspd       mean of mspdRecalls
     * @param ar           (arMssd + arMspd) / 2: BOP's AR without its third term, VSD, which needs rendering
     */
    public record ObjectScores(int objId, int targets, int estimates, double addRecall, double[] mssdRecalls,
            double[] mspdRecalls, double arMssd, double arMspd, double ar) {
    }

    public record Scores(List<ObjectScores> perObject, ObjectScores overall) {
    }

    /**
     * Errors of one evaluated estimate against the closest target of its object: ADD(-S) and MSSD as fractions of
     * the diameter, MSPD in pixels at width 640. Infinite when above the largest threshold.
     */
    public record EstimateErrors(int sceneId, int imageId, int objId, double score, double addNorm,
            double mssdNorm, double mspdPx640) {
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static double[] arange(double start, double stop, double step) {
        int n = (int) Math.ceil((stop - start) / step);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = start + i * step;
        }
        return out;
    }

    private static final class Tally {
        final int objId;
        int targets;
        int estimates;
        int tpAdd;
        final int[] tpMssd = new int[MSSD_THRESHOLDS.length];
        final int[] tpMspd = new int[MSPD_THRESHOLDS_PX.length];

        Tally(int objId) {
            this.objId = objId;
        }

        void add(Tally o) {
            targets += o.targets;
            estimates += o.estimates;
            tpAdd += o.tpAdd;
            for (int i = 0; i < tpMssd.length; i++) {
                tpMssd[i] += o.tpMssd[i];
            }
            for (int i = 0; i < tpMspd.length; i++) {
                tpMspd[i] += o.tpMspd[i];
            }
        }

        ObjectScores toScores() {
            double[] mssd = recalls(tpMssd);
            double[] mspd = recalls(tpMspd);
            double arMssd = mean(mssd);
            double arMspd = mean(mspd);
            return new ObjectScores(objId, targets, estimates, recall(tpAdd), mssd, mspd, arMssd, arMspd,
                    (arMssd + arMspd) / 2);
        }

        private double recall(int tp) {
            return targets == 0 ? 0 : tp / (double) targets;
        }

        private double[] recalls(int[] tp) {
            double[] r = new double[tp.length];
            for (int i = 0; i < tp.length; i++) {
                r[i] = recall(tp[i]);
            }
            return r;
        }

        private static double mean(double[] v) {
            double s = 0;
            for (double x : v) {
                s += x;
            }
            return s / v.length;
        }
    }
}
