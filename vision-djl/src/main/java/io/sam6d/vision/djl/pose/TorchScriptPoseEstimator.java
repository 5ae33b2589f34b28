package io.sam6d.vision.djl.pose;

import java.util.Optional;

import io.sam6d.vision.djl.TorchScriptEngine;
import io.sam6d.vision.djl.TorchScriptManifest;
import io.sam6d.vision.pose.PoseEstimator;

/** A pose engine on a TorchScript file: {@link DjlPoseEstimator} or {@link Sam6dPoseEstimator}. */
public interface TorchScriptPoseEstimator extends PoseEstimator, TorchScriptEngine {

    /**
     * Loads the file with the engine of the contract it follows: {@value Sam6dPoseEstimator#CONTRACT} when its
     * {@code sam6d.json} says so (tools/export-sam6d), {@value DjlPoseEstimator#CONTRACT} otherwise.
     *
     * @throws io.sam6d.vision.djl.ModelSetupException        when the file cannot be loaded
     * @throws io.sam6d.vision.djl.ContractViolationException when it follows another contract or breaks its own
     */
    static TorchScriptPoseEstimator load(ConfigPemTorchScript config) {
        config.checkValidity();
        Optional<TorchScriptManifest> v2 = TorchScriptManifest.forStage(config.modelPath, DjlPoseEstimator.CONTRACT,
                Sam6dPoseEstimator.CONTRACT);
        return v2.isPresent() ? Sam6dPoseEstimator.load(config, v2.get()) : DjlPoseEstimator.load(config);
    }
}
