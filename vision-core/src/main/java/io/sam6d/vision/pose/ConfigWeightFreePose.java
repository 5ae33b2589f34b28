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
     * Colour decides between near-equal hypotheses only when their colour agreements differ by at least this much
     * (cosine, 0..1); where they do not (a model coloured all over alike), the next cue (the upright prior) or the
     * score decides.
     */
    public double colorMinGain = 0.02;

    /**
     * Estimate a frame's detections at once on the common fork-join pool, each with its own buffers (results, and
     * their order, do not depend on it).
     */
    public boolean parallel = true;

    /**
     * Symmetric variants: after the hypotheses are refined, the best pose composed with each of the model's
     * {@link ApproximateSymmetries} (a box turned half round about its axes, a can turned upside down) is refined
     * briefly and scored. Variants whose score is within this margin of the best are ties, broken by colour
     * ({@link #colorTieMargin}, when the model has colours), then by the upright prior ({@link #uprightAxis}); a
     * variant that scores clearly better simply wins. 0 tries no variants. The default leaves room for real objects
     * that differ from their scan: on the YCB-Video frames the cracker box standing upright scores 0.044-0.052 below
     * the same box upside down, other objects' variants 0.002-0.03 below the right pose.
     */
    public double symmetryTieMargin = 0.06;

    /** Most symmetric variants tried per detection (half turns first). */
    public int maxSymmetryVariants = 12;

    /**
     * Rotations sampled about each axis of continuous symmetry (a can's yaw) when colour can tell them apart (the
     * model has colours and the frame a colour image); without colour they all look the same and none is tried.
     */
    public int continuousSymmetrySamples = 8;

    /**
     * The upright prior: the model axis that points up when the object stands on its base, {@code "+z"} (default:
     * CAD models and the BOP datasets mostly have +Z up), {@code "-z"}, {@code "+x"}, ... or three numbers
     * {@code "0,0,1"}; {@code "none"} turns the prior off. Among symmetric variants that tie on the score (and that
     * colour does not separate), the one whose up axis points most along the normal of the plane the object stands
     * on ({@link SupportPlane}, fitted to the depth around the detection) wins. Objects lying on their side, where
     * the variants share their up direction, are left alone ({@link #uprightMinGain}).
     */
    public String uprightAxis = "+z";

    /**
     * The upright prior changes the answer only when the chosen variant's up axis is closer to the support's normal
     * by at least this much (difference of the cosines, 0..2): 0.5 asks, say, for 60° against 90°.
     */
    public double uprightMinGain = 0.5;

    /** The support plane is fitted to the depth within this distance of the object's centre, relative to the diameter. */
    public double supportRadiusRel = 1.0;

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
        if (!(colorMinGain >= 0 && colorMinGain <= 1)) {
            throw new IllegalArgumentException("colorMinGain must be in [0, 1]");
        }
        if (!(symmetryTieMargin >= 0 && symmetryTieMargin <= 1)) {
            throw new IllegalArgumentException("symmetryTieMargin must be in [0, 1]");
        }
        if (maxSymmetryVariants < 0 || continuousSymmetrySamples < 0) {
            throw new IllegalArgumentException("maxSymmetryVariants and continuousSymmetrySamples must be >= 0");
        }
        uprightAxisVector();
        if (!(uprightMinGain >= 0 && uprightMinGain <= 2)) {
            throw new IllegalArgumentException("uprightMinGain must be in [0, 2]");
        }
        if (!(supportRadiusRel > 0 && supportRadiusRel <= 10)) {
            throw new IllegalArgumentException("supportRadiusRel must be in (0, 10]");
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
        colorMinGain = src.colorMinGain;
        symmetryTieMargin = src.symmetryTieMargin;
        maxSymmetryVariants = src.maxSymmetryVariants;
        continuousSymmetrySamples = src.continuousSymmetrySamples;
        uprightAxis = src.uprightAxis;
        uprightMinGain = src.uprightMinGain;
        supportRadiusRel = src.supportRadiusRel;
        searchReferencePoints = src.searchReferencePoints;
        searchHypotheses = src.searchHypotheses;
        parallel = src.parallel;
        return this;
    }

    /**
     * {@link #uprightAxis} as a unit vector in the model frame, or null when the prior is off.
     *
     * @throws IllegalArgumentException when it is neither an axis name, three numbers nor {@code none}
     */
    public double[] uprightAxisVector() {
        String s = uprightAxis == null ? "none" : uprightAxis.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.isEmpty() || s.equals("none")) {
            return null;
        }
        double[] v;
        switch (s) {
            case "x", "+x" -> v = new double[] {1, 0, 0};
            case "-x" -> v = new double[] {-1, 0, 0};
            case "y", "+y" -> v = new double[] {0, 1, 0};
            case "-y" -> v = new double[] {0, -1, 0};
            case "z", "+z" -> v = new double[] {0, 0, 1};
            case "-z" -> v = new double[] {0, 0, -1};
            default -> {
                String[] p = s.split("[,\\s]+");
                if (p.length != 3) {
                    throw new IllegalArgumentException("uprightAxis must be +x, -x, ..., -z, three numbers or none: "
                            + uprightAxis);
                }
                v = new double[3];
                try {
                    for (int i = 0; i < 3; i++) {
                        v[i] = Double.parseDouble(p[i]);
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("uprightAxis must be +x, -x, ..., -z, three numbers or none: "
                            + uprightAxis);
                }
            }
        }
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        if (!(n > 0) || !Double.isFinite(n)) {
            throw new IllegalArgumentException("uprightAxis must not be the zero vector: " + uprightAxis);
        }
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
    }

    public ConfigWeightFreePose copy() {
        return new ConfigWeightFreePose().setTo(this);
    }
}
