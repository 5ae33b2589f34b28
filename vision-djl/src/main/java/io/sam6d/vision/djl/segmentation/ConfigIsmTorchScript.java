package io.sam6d.vision.djl.segmentation;

import io.sam6d.vision.djl.ConfigTorchScript;

/**
 * Settings of the TorchScript segmentation engines: {@link DjlSegmenter} ({@code sam6d-ism/1}) and
 * {@link Sam6dSegmenter} ({@code sam6d-ism/2}). Defaults of the {@code /2} settings are SAM's and SAM-6D's (its
 * {@code ISM_sam.yaml}).
 */
public class ConfigIsmTorchScript extends ConfigTorchScript {

    /** /1: side of the square template crops given to {@code encode_templates}, pixels (DINOv2 in SAM-6D: 224). */
    public int templateSize = 224;

    /** /1: a mask pixel is inside where the network's mask value is at least this (probabilities 0..1). */
    public double maskThreshold = 0.5;

    /** At most this many template views per object are encoded (evenly picked), 0 for all. */
    public int maxTemplates = 0;

    /** /2: SAM's point grid, points per side (SAM: 32, i.e. 1024 prompts per frame). */
    public int pointsPerSide = 32;

    /** /2: point prompts decoded per call (SAM: 64). */
    public int pointsPerBatch = 64;

    /** /2: masks whose predicted IoU is not above this are dropped (SAM-6D: 0.88; 0 turns the filter off). */
    public double predIouThresh = 0.88;

    /** /2: masks whose stability score is below this are dropped (SAM-6D: 0.85; 0 turns the filter off). */
    public double stabilityScoreThresh = 0.85;

    /** /2: logit offset of the stability score (SAM: 1.0). */
    public double stabilityScoreOffset = 1.0;

    /** /2: box IoU above which the lower-IoU mask of two is dropped (SAM: 0.7). */
    public double boxNmsThresh = 0.7;

    /** /2: proposals whose box side is not above this share of the image's (sqrt of area ratio) are dropped (0.05). */
    public double minBoxSize = 0.05;

    /** /2: proposals whose mask is not above this share of the image's area are dropped (SAM-6D: 3e-4). */
    public double minMaskSize = 3e-4;

    /** /2: crops per {@code describe} call (SAM-6D: 16). */
    public int descriptorBatch = 16;

    /** /2: a proposal is kept when its semantic score is above this (SAM-6D's confidence_thresh: 0.2). */
    public double semanticThresh = 0.2;

    /** /2: the semantic score is the mean of the k best template similarities (SAM-6D's avg_5: 5). */
    public int semanticTopK = 5;

    /** /2: a template patch is visible when its best proposal-patch similarity is above this (SAM-6D: 0.5). */
    public double visibleThresh = 0.5;

    /** /2: box IoU above which the lower-scored detection of one object is dropped (SAM-6D: 0.25). */
    public double nmsThresh = 0.25;

    /** /2: points sampled on the CAD surface for the geometric score (SAM-6D: 2048). */
    public int modelPoints = 2048;

    /** /2: seed of the model point sampling. */
    public long seed = 0;

    @Override
    public void checkValidity() {
        super.checkValidity();
        if (templateSize < 8 || templateSize > 1024) {
            throw new IllegalArgumentException("templateSize must be within 8..1024 pixels");
        }
        if (!(maskThreshold > 0 && maskThreshold <= 1)) {
            throw new IllegalArgumentException("maskThreshold must be within (0, 1]");
        }
        if (maxTemplates < 0) {
            throw new IllegalArgumentException("maxTemplates must be 0 (all) or more");
        }
        if (pointsPerSide < 1 || pointsPerSide > 256 || pointsPerBatch < 1 || descriptorBatch < 1) {
            throw new IllegalArgumentException("pointsPerSide must be within 1..256, pointsPerBatch and"
                    + " descriptorBatch at least 1");
        }
        for (double v : new double[] {predIouThresh, stabilityScoreThresh, boxNmsThresh, minBoxSize, minMaskSize,
            semanticThresh, visibleThresh, nmsThresh}) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("the /2 thresholds (IoU, stability, NMS, sizes, semantic, visible)"
                        + " must be within 0..1");
            }
        }
        if (!(stabilityScoreOffset > 0) || semanticTopK < 1 || modelPoints < 1) {
            throw new IllegalArgumentException("stabilityScoreOffset must be > 0, semanticTopK and modelPoints at"
                    + " least 1");
        }
    }

    public ConfigIsmTorchScript setTo(ConfigIsmTorchScript src) {
        super.setTo(src);
        this.templateSize = src.templateSize;
        this.maskThreshold = src.maskThreshold;
        this.maxTemplates = src.maxTemplates;
        this.pointsPerSide = src.pointsPerSide;
        this.pointsPerBatch = src.pointsPerBatch;
        this.predIouThresh = src.predIouThresh;
        this.stabilityScoreThresh = src.stabilityScoreThresh;
        this.stabilityScoreOffset = src.stabilityScoreOffset;
        this.boxNmsThresh = src.boxNmsThresh;
        this.minBoxSize = src.minBoxSize;
        this.minMaskSize = src.minMaskSize;
        this.descriptorBatch = src.descriptorBatch;
        this.semanticThresh = src.semanticThresh;
        this.semanticTopK = src.semanticTopK;
        this.visibleThresh = src.visibleThresh;
        this.nmsThresh = src.nmsThresh;
        this.modelPoints = src.modelPoints;
        this.seed = src.seed;
        return this;
    }
}
