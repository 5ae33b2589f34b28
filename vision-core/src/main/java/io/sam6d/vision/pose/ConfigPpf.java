package io.sam6d.vision.pose;

import io.sam6d.vision.render.PointSplatRenderer;
import io.sam6d.vision.render.RasterDepthRenderer;

/**
 * Settings of the point-pair-feature model ({@link PpfModel}) and of its matching ({@link PpfMatcher}): Drost et
 * al. 2010 with the refinements of Vidal et al. 2018. Lengths relative to the object diameter unless named Mm.
 */
public class ConfigPpf {

    /** Voxel step of the subsampled model and scene clouds, relative to the object diameter (Drost's tau_d). */
    public double samplingStepRel = 0.05;

    /**
     * Number of bins of each of the three PPF angles (over 0..pi) and of the rotation angle alpha (over 2 pi).
     * At most 32: the duplicate-vote flags of one bin are the bits of an int.
     */
    public int angleBins = 30;

    /**
     * Normal-aware subsampling (Vidal et al.): points of one voxel whose normals differ by more than this angle
     * (degrees) are kept as separate points, so thin parts and edges keep both faces.
     */
    public double normalClusterAngleDeg = 30;

    /** Also vote in the neighbouring feature bins a value lies close to (Vidal et al.), against quantisation noise. */
    public boolean spreadBins = true;

    /** Surface samples the model subsampling starts from. */
    public int modelSurfaceSamples = 30000;

    /** Dense surface samples kept for ICP, rendering and scoring. */
    public int denseSamples = 12000;

    /**
     * Verification renders the model with the exact triangle rasteriser ({@link RasterDepthRenderer}) instead of
     * splatting the dense samples ({@link PointSplatRenderer}). Pixel-exact, slower. Point-set models always splat.
     */
    public boolean exactRendering = false;

    /** Voxel of the model-frame closest-point table used by ICP, relative to the diameter. */
    public double closestPointVoxelRel = 0.01;

    /**
     * Feature bins holding more model pairs than this (pairs on one plane or cylinder, which say little about the
     * pose) keep an evenly spread subset of this many; 0 keeps all. Bounds the voting time.
     */
    public int maxEntriesPerBin = 40;

    /** Most scene reference points of one match, evenly spread over those offered. */
    public int maxReferencePoints = 100;

    /** Poses kept per scene reference point: its best peak and the next ones above {@link #peakFraction} of it. */
    public int peaksPerReference = 3;

    /** A secondary peak of a reference point must reach this fraction of its best peak. */
    public double peakFraction = 0.8;

    /** Pose clustering: poses join when their rotations differ by less than this angle, degrees. */
    public double clusterRotationDeg = 20;

    /** Pose clustering: ... and their translations by less than this, relative to the diameter. */
    public double clusterTranslationRel = 0.1;

    /** Most pose clusters a match returns, best first. */
    public int maxClusters = 24;

    /**
     * Approximate symmetries of the shape ({@link ApproximateSymmetries}, found when the model is built): a rotation
     * counts when surface samples mapped by it lie on average at most this much (relative to the diameter) farther
     * from the model surface than unmoved samples do. 0 finds none (symmetries given with the object still count).
     */
    public double symmetryToleranceRel = 0.006;

    public void checkValidity() {
        if (!(samplingStepRel > 0.005 && samplingStepRel <= 0.25)) {
            throw new IllegalArgumentException("samplingStepRel must be in (0.005, 0.25]");
        }
        if (angleBins < 4 || angleBins > 32) {
            throw new IllegalArgumentException("angleBins must be in 4..32");
        }
        if (!(normalClusterAngleDeg > 0 && normalClusterAngleDeg <= 180)) {
            throw new IllegalArgumentException("normalClusterAngleDeg must be in (0, 180]");
        }
        if (modelSurfaceSamples < 100 || denseSamples < 100) {
            throw new IllegalArgumentException("modelSurfaceSamples and denseSamples must be >= 100");
        }
        if (!(closestPointVoxelRel > 0.001 && closestPointVoxelRel <= 0.1)) {
            throw new IllegalArgumentException("closestPointVoxelRel must be in (0.001, 0.1]");
        }
        if (maxEntriesPerBin < 0) {
            throw new IllegalArgumentException("maxEntriesPerBin must be >= 0");
        }
        if (maxReferencePoints < 1 || peaksPerReference < 1 || maxClusters < 1) {
            throw new IllegalArgumentException("maxReferencePoints, peaksPerReference and maxClusters must be >= 1");
        }
        if (!(peakFraction > 0 && peakFraction <= 1)) {
            throw new IllegalArgumentException("peakFraction must be in (0, 1]");
        }
        if (!(clusterRotationDeg > 0) || !(clusterTranslationRel > 0)) {
            throw new IllegalArgumentException("cluster thresholds must be > 0");
        }
        if (!(symmetryToleranceRel >= 0 && symmetryToleranceRel <= 0.1)) {
            throw new IllegalArgumentException("symmetryToleranceRel must be in [0, 0.1]");
        }
    }

    public ConfigPpf setTo(ConfigPpf src) {
        samplingStepRel = src.samplingStepRel;
        angleBins = src.angleBins;
        normalClusterAngleDeg = src.normalClusterAngleDeg;
        spreadBins = src.spreadBins;
        modelSurfaceSamples = src.modelSurfaceSamples;
        denseSamples = src.denseSamples;
        closestPointVoxelRel = src.closestPointVoxelRel;
        exactRendering = src.exactRendering;
        maxEntriesPerBin = src.maxEntriesPerBin;
        maxReferencePoints = src.maxReferencePoints;
        peaksPerReference = src.peaksPerReference;
        peakFraction = src.peakFraction;
        clusterRotationDeg = src.clusterRotationDeg;
        clusterTranslationRel = src.clusterTranslationRel;
        maxClusters = src.maxClusters;
        symmetryToleranceRel = src.symmetryToleranceRel;
        return this;
    }
}
