package io.sam6d.ism.segment;

import io.sam6d.support.models.StageEngines;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * ism-server settings ({@code sam6d.ism.*} in application.yml, fed by ISM_* environment variables).
 *
 * @param engine          segmentation engine by name: {@code auto} (the TorchScript engine {@code djl} when
 *                        {@code modelPath} is set, otherwise {@code weight-free}), {@code weight-free} or {@code djl}
 * @param modelPath       a TorchScript file following the {@code sam6d-ism/1} or {@code sam6d-ism/2} contract
 *                        (empty: none)
 * @param device          where the TorchScript engine runs: {@code cpu}, {@code gpu}, {@code gpu:N}
 * @param predictors      TorchScript inferences that may run at once
 * @param templateSize    {@code /1}: side of the template crops given to the network, pixels
 * @param djlCacheDir     where libtorch is unpacked from its jar (nothing is downloaded)
 * @param maxCacheSize    objects whose prepared templates are kept (LRU)
 * @param preloadClass    classes to prepare at start-up: {@code true} (all), {@code false} or empty (none), or a
 *                        comma-separated list; health is OUT_OF_SERVICE until it is done, never DOWN because of it
 * @param scoreThreshold  default minimum detection score, 0..1; null (unset): the engine's own
 *                        ({@link io.sam6d.vision.segmentation.Segmenter#defaultScoreThreshold()})
 * @param maxDetections   default maximum detections per object
 * @param pointsPerSide   {@code /2}: SAM's point grid, points per side (32: 1024 prompts per frame)
 * @param predIouThresh   {@code /2}: SAM masks whose predicted IoU is not above this are dropped (0: no filter)
 * @param stabilityScoreThresh {@code /2}: SAM masks less stable than this are dropped (0: no filter)
 * @param semanticThresh  {@code /2}: proposals whose semantic score is not above this are dropped
 * @param maxObjects      most objects one request may ask for
 */
@Validated
@ConfigurationProperties("sam6d.ism")
record IsmSettings(@NotBlank String engine, String modelPath, @NotBlank String device, @Min(1) int predictors,
        @Min(8) int templateSize, String djlCacheDir, @Min(1) int maxCacheSize, String preloadClass,
        @DecimalMin("0") @DecimalMax("1") Double scoreThreshold, @Min(1) int maxDetections, @Min(1) int pointsPerSide,
        @DecimalMin("0") @DecimalMax("1") double predIouThresh, @DecimalMin("0") @DecimalMax("1")
        double stabilityScoreThresh, @DecimalMin("0") @DecimalMax("1") double semanticThresh, @Min(1) int maxObjects)
        implements StageEngines.StageSettings {
}
