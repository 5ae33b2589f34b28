package io.sam6d.pem.estimate;

import io.sam6d.support.models.StageEngines;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * pem-server settings ({@code sam6d.pem.*}, fed by PEM_* environment variables).
 *
 * @param engine        pose engine by name: {@code auto} (the TorchScript engine {@code djl} when {@code modelPath}
 *                      is set, otherwise {@code weight-free}), {@code weight-free} or {@code djl}
 * @param modelPath     a TorchScript file following the {@code sam6d-pem/1} or {@code sam6d-pem/2} contract
 *                      (empty: none)
 * @param device        where the TorchScript engine runs: {@code cpu}, {@code gpu}, {@code gpu:N}
 * @param predictors    TorchScript inferences that may run at once
 * @param observedPoints {@code /1}: points sampled from each detection's depth for the network ({@code /2}: the
 *                      export says)
 * @param modelPoints   {@code /1}: points sampled on each CAD model for the network
 * @param djlCacheDir   where libtorch is unpacked from its jar (nothing is downloaded)
 * @param cacheMax      objects whose prepared models (point clouds, point-pair tables) are kept (LRU)
 * @param preloadClass  classes to prepare at start-up: {@code true} (all), {@code false} or empty (none), or a
 *                      comma-separated list; health is OUT_OF_SERVICE until it is done, never DOWN because of it
 * @param maxDetections most detections one request may carry (each one is a full-image mask in memory)
 */
@Validated
@ConfigurationProperties("sam6d.pem")
record PemSettings(@NotBlank String engine, String modelPath, @NotBlank String device, @Min(1) int predictors,
        @Min(1) int observedPoints, @Min(1) int modelPoints, String djlCacheDir, @Min(1) int cacheMax,
        String preloadClass, @Min(1) int maxDetections) implements StageEngines.StageSettings {
}
