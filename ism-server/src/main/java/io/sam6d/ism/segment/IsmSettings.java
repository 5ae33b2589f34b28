package io.sam6d.ism.segment;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * ism-server settings ({@code sam6d.ism.*} in application.yml, fed by ISM_* environment variables).
 *
 * @param engine          segmentation engine by name ({@code weight-free}, {@code djl})
 * @param maxCacheSize    objects whose prepared templates are kept (LRU)
 * @param preloadClass    an object class to prepare at start-up (empty: none); health is not UP until it is done
 * @param scoreThreshold  default minimum detection score, 0..1
 * @param maxDetections   default maximum detections per object
 */
@Validated
@ConfigurationProperties("sam6d.ism")
record IsmSettings(@NotBlank String engine, @Min(1) int maxCacheSize, String preloadClass,
        @DecimalMin("0") @DecimalMax("1") double scoreThreshold, @Min(1) int maxDetections) {
}
