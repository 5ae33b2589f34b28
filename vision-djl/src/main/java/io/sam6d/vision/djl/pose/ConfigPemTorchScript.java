package io.sam6d.vision.djl.pose;

import io.sam6d.vision.djl.ConfigTorchScript;

/**
 * Settings of the TorchScript pose engines ({@link DjlPoseEstimator}, contract {@code sam6d-pem/1}, and
 * {@link Sam6dPoseEstimator}, {@code sam6d-pem/2}); defaults are SAM-6D's PEM settings. With {@code /2} the point
 * counts and the crop size come from the export's {@code sam6d.json}, and {@code observedPoints}, {@code modelPoints},
 * {@code cropSize}, {@code outlierRadii} and {@code minPoints} are not used.
 */
public class ConfigPemTorchScript extends ConfigTorchScript {

    /** Observed points sampled from each detection's masked depth (SAM-6D: 2048). */
    public int observedPoints = 2048;

    /** Points sampled on the CAD model's surface (SAM-6D: 1024). */
    public int modelPoints = 1024;

    /** Side of the square colour crop of each detection, pixels (SAM-6D: 224). */
    public int cropSize = 224;

    /**
     * Observed points farther than this many object radii (diameter / 2) from their median are dropped as
     * background that leaked into the mask (SAM-6D: 1.2).
     */
    public double outlierRadii = 1.2;

    /** A detection with fewer valid depth points than this gets no pose. */
    public int minPoints = 32;

    /** Detections per forward call; more are split into several calls. */
    public int maxBatch = 16;

    /** /2: template views whose features make up the object's (SAM-6D: 42, evenly picked), 0 for all. */
    public int templateViews = 42;

    /** Seed of the point sampling, so a request gives the same answer every time. */
    public long seed = 0;

    @Override
    public void checkValidity() {
        super.checkValidity();
        if (observedPoints < 1 || modelPoints < 1) {
            throw new IllegalArgumentException("observedPoints and modelPoints must be at least 1");
        }
        if (cropSize < 8 || cropSize > 1024) {
            throw new IllegalArgumentException("cropSize must be within 8..1024 pixels");
        }
        if (!(outlierRadii > 0)) {
            throw new IllegalArgumentException("outlierRadii must be > 0");
        }
        if (templateViews < 0) {
            throw new IllegalArgumentException("templateViews must be 0 (all) or more");
        }
        if (minPoints < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("minPoints and maxBatch must be at least 1");
        }
    }

    public ConfigPemTorchScript setTo(ConfigPemTorchScript src) {
        super.setTo(src);
        this.observedPoints = src.observedPoints;
        this.modelPoints = src.modelPoints;
        this.cropSize = src.cropSize;
        this.outlierRadii = src.outlierRadii;
        this.minPoints = src.minPoints;
        this.maxBatch = src.maxBatch;
        this.templateViews = src.templateViews;
        this.seed = src.seed;
        return this;
    }
}
