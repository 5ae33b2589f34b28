package io.sam6d.vision.djl.segmentation;

import java.util.Optional;

import io.sam6d.vision.djl.TorchScriptEngine;
import io.sam6d.vision.djl.TorchScriptManifest;
import io.sam6d.vision.segmentation.Segmenter;

/** A segmentation engine on a TorchScript file: {@link DjlSegmenter} or {@link Sam6dSegmenter}. */
public interface TorchScriptSegmenter extends Segmenter, TorchScriptEngine {

    /**
     * Loads the file with the engine of the contract it follows: {@value Sam6dSegmenter#CONTRACT} when its
     * {@code sam6d.json} says so (tools/export-sam6d), {@value DjlSegmenter#CONTRACT} otherwise.
     *
     * @throws io.sam6d.vision.djl.ModelSetupException        when the file cannot be loaded
     * @throws io.sam6d.vision.djl.ContractViolationException when it follows another contract or breaks its own
     */
    static TorchScriptSegmenter load(ConfigIsmTorchScript config) {
        config.checkValidity();
        Optional<TorchScriptManifest> v2 = TorchScriptManifest.forStage(config.modelPath, DjlSegmenter.CONTRACT,
                Sam6dSegmenter.CONTRACT);
        return v2.isPresent() ? Sam6dSegmenter.load(config, v2.get()) : DjlSegmenter.load(config);
    }
}
