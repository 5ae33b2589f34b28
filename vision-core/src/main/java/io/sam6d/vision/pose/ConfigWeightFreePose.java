package io.sam6d.vision.pose;

/**
 * Settings of {@link WeightFreePoseEstimator}: point-pair-feature voting inside each detection's mask, point-to-plane
 * ICP of the best pose clusters, and a depth and silhouette verification score that picks the answer.
 */
public class ConfigWeightFreePose {

    /** The PPF model and its matching. */
    public ConfigPpf ppf = new ConfigPpf();

    /** The ICP refinement. */
    public ConfigIcp icp = new ConfigIcp();

    /** The verification score. */
    public ConfigPoseScore score = new ConfigPoseScore();

    /**
     * The detection's mask is grown by this many pixels before scene points are taken from it (masks from a
     * segmenter are often a little too small); reference points of the voting still come from the mask itself.
     */
    public int maskDilationPx = 4;

    /** Normals of scene points are fitted to the depth points within this radius, relative to the diameter. */
    public double normalRadiusRel = 0.03;

    /** Lower bound of the normal radius, mm. */
    public double minNormalRadiusMm = 4;

    /** Pose clusters from the voting (plus the detection's coarse pose) that are refined by ICP and scored. */
    public int hypothesesToRefine = 10;

    /**
     * When the model has colours and the frame a colour image: of the hypotheses whose verification score is within
     * this margin of the best, the one whose colours agree best with the image wins (shape alone cannot tell a box
     * from the box turned round). 0 turns colour off.
     */
    public double colorTieMargin = 0.05;

    /**
     * {@link WeightFreePoseEstimator#findInstances}: reference points spread over the searched region (a region
     * holds more than one object, so it needs more than a mask).
     */
    public int searchReferencePoints = 600;

    /** {@link WeightFreePoseEstimator#findInstances}: pose clusters refined by ICP and verified. */
    public int searchHypotheses = 30;

    /**
     * Results whose verification score is below this are dropped (no result for that detection). 0 keeps every
     * detection that produced a pose.
     */
    public double minScore = 0;

    public void checkValidity() {
        ppf.checkValidity();
        icp.checkValidity();
        score.checkValidity();
        if (maskDilationPx < 0 || maskDilationPx > 50) {
            throw new IllegalArgumentException("maskDilationPx must be in 0..50");
        }
        if (!(normalRadiusRel > 0) || !(minNormalRadiusMm > 0)) {
            throw new IllegalArgumentException("normal radius settings must be > 0");
        }
        if (hypothesesToRefine < 1) {
            throw new IllegalArgumentException("hypothesesToRefine must be >= 1");
        }
        if (!(colorTieMargin >= 0 && colorTieMargin <= 1)) {
            throw new IllegalArgumentException("colorTieMargin must be in [0, 1]");
        }
        if (searchReferencePoints < 1 || searchHypotheses < 1) {
            throw new IllegalArgumentException("searchReferencePoints and searchHypotheses must be >= 1");
        }
        if (!(minScore >= 0 && minScore <= 1)) {
            throw new IllegalArgumentException("minScore must be in [0, 1]");
        }
    }

    public ConfigWeightFreePose setTo(ConfigWeightFreePose src) {
        ppf.setTo(src.ppf);
        icp.setTo(src.icp);
        score.setTo(src.score);
        maskDilationPx = src.maskDilationPx;
        normalRadiusRel = src.normalRadiusRel;
        minNormalRadiusMm = src.minNormalRadiusMm;
        hypothesesToRefine = src.hypothesesToRefine;
        minScore = src.minScore;
        colorTieMargin = src.colorTieMargin;
        searchReferencePoints = src.searchReferencePoints;
        searchHypotheses = src.searchHypotheses;
        return this;
    }

    public ConfigWeightFreePose copy() {
        return new ConfigWeightFreePose().setTo(this);
    }
}
