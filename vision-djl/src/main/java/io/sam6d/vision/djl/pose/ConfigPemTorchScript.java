package io.sam6d.vision.djl.pose;

import io.sam6d.vision.djl.ConfigTorchScript;

/** Settings of the TorchScript pose engine ({@link DjlPoseEstimator}); defaults are SAM-6D's PEM settings. */
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
        this.seed = src.seed;
        return this;
    }
}
