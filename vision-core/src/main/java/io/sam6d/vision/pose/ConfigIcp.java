package io.sam6d.vision.pose;

/**
 * Settings of the point-to-plane ICP ({@link PointToPlaneIcp}). It runs coarse to fine: level {@code k} uses at most
 * {@code maxPoints[k]} scene points and rejects pairs farther apart than {@code maxDistanceRel[k]} × diameter (but
 * never less than {@link #minMaxDistanceMm}).
 */
public class ConfigIcp {

    /** Most scene points per level (evenly subsampled), coarse to fine. Same length as {@link #maxDistanceRel}. */
    public int[] maxPoints = {400, 1200, 3000};

    /** Correspondence rejection distance per level, relative to the object diameter. */
    public double[] maxDistanceRel = {0.1, 0.05, 0.025};

    /** Lower bound of the rejection distance, mm (depth noise of the sensor). */
    public double minMaxDistanceMm = 4;

    /** Most iterations per level. */
    public int maxIterationsPerLevel = 12;

    /** Pairs whose normals differ by more than this angle are rejected, degrees. */
    public double normalCompatibilityDeg = 70;

    /** A level stops when an update rotates by less than this (degrees) ... */
    public double convergedRotationDeg = 0.01;

    /** ... and translates by less than this, mm. */
    public double convergedTranslationMm = 0.02;

    /** Tukey biweight: residuals beyond this fraction of the level's rejection distance get no weight. */
    public double robustWidthFraction = 0.7;

    /**
     * Share of the point-to-point distance in the cost (the rest is point-to-plane). Point-to-plane converges fast
     * but lets a view of one or two faces slide along them; a little point-to-point holds it at the faces' ends.
     * Applied only to pairs that lie apart along the surface (more than the model's sample spacing).
     */
    public double pointToPointWeight = 0.1;

    public void checkValidity() {
        if (maxPoints == null || maxDistanceRel == null || maxPoints.length == 0
                || maxPoints.length != maxDistanceRel.length) {
            throw new IllegalArgumentException("maxPoints and maxDistanceRel need the same, non-zero length");
        }
        for (int i = 0; i < maxPoints.length; i++) {
            if (maxPoints[i] < 6 || !(maxDistanceRel[i] > 0)) {
                throw new IllegalArgumentException("each level needs >= 6 points and a distance > 0");
            }
        }
        if (!(minMaxDistanceMm > 0) || maxIterationsPerLevel < 1) {
            throw new IllegalArgumentException("minMaxDistanceMm must be > 0 and maxIterationsPerLevel >= 1");
        }
        if (!(normalCompatibilityDeg > 0 && normalCompatibilityDeg <= 180)) {
            throw new IllegalArgumentException("normalCompatibilityDeg must be in (0, 180]");
        }
        if (!(pointToPointWeight >= 0 && pointToPointWeight <= 1)) {
            throw new IllegalArgumentException("pointToPointWeight must be in [0, 1]");
        }
        if (!(robustWidthFraction > 0 && robustWidthFraction <= 1)) {
            throw new IllegalArgumentException("robustWidthFraction must be in (0, 1]");
        }
        if (!(convergedRotationDeg >= 0) || !(convergedTranslationMm >= 0)) {
            throw new IllegalArgumentException("convergence thresholds must be >= 0");
        }
    }

    public ConfigIcp setTo(ConfigIcp src) {
        maxPoints = src.maxPoints.clone();
        maxDistanceRel = src.maxDistanceRel.clone();
        minMaxDistanceMm = src.minMaxDistanceMm;
        maxIterationsPerLevel = src.maxIterationsPerLevel;
        normalCompatibilityDeg = src.normalCompatibilityDeg;
        convergedRotationDeg = src.convergedRotationDeg;
        convergedTranslationMm = src.convergedTranslationMm;
        robustWidthFraction = src.robustWidthFraction;
        pointToPointWeight = src.pointToPointWeight;
        return this;
    }
}
