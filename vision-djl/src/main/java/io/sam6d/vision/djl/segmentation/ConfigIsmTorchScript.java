package io.sam6d.vision.djl.segmentation;

import io.sam6d.vision.djl.ConfigTorchScript;

/** Settings of the TorchScript segmentation engine ({@link DjlSegmenter}). */
public class ConfigIsmTorchScript extends ConfigTorchScript {

    /** Side of the square template crops given to {@code encode_templates}, pixels (DINOv2 in SAM-6D: 224). */
    public int templateSize = 224;

    /** A mask pixel is inside where the network's mask value is at least this (probabilities 0..1). */
    public double maskThreshold = 0.5;

    /** At most this many template views per object are encoded (evenly picked), 0 for all. */
    public int maxTemplates = 0;

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
    }

    public ConfigIsmTorchScript setTo(ConfigIsmTorchScript src) {
        super.setTo(src);
        this.templateSize = src.templateSize;
        this.maskThreshold = src.maskThreshold;
        this.maxTemplates = src.maxTemplates;
        return this;
    }
}
