package io.sam6d.vision.pose;

/** Settings of the verification score ({@link PoseScorer}). */
public class ConfigPoseScore {

    /**
     * A rendered model pixel agrees with the observed depth when they differ by less than
     * max({@link #depthToleranceMm}, {@link #depthToleranceRel} × diameter).
     */
    public double depthToleranceMm = 8;

    /** See {@link #depthToleranceMm}. */
    public double depthToleranceRel = 0.03;

    /**
     * Without a mask, a rendered pixel hidden behind an observed surface (occluded) counts this much against the
     * pose (0 = occlusion is free, 1 = as bad as a contradiction). With a mask, occlusion inside the mask is a
     * contradiction and occlusion outside it is free.
     */
    public double occlusionPenaltyWithoutMask = 0.3;

    public void checkValidity() {
        if (!(depthToleranceMm > 0) || !(depthToleranceRel >= 0)) {
            throw new IllegalArgumentException("depthToleranceMm must be > 0 and depthToleranceRel >= 0");
        }
        if (!(occlusionPenaltyWithoutMask >= 0 && occlusionPenaltyWithoutMask <= 1)) {
            throw new IllegalArgumentException("occlusionPenaltyWithoutMask must be in [0, 1]");
        }
    }

    public ConfigPoseScore setTo(ConfigPoseScore src) {
        depthToleranceMm = src.depthToleranceMm;
        depthToleranceRel = src.depthToleranceRel;
        occlusionPenaltyWithoutMask = src.occlusionPenaltyWithoutMask;
        return this;
    }
}
