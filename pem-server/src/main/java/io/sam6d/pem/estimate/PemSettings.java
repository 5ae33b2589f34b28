package io.sam6d.pem.estimate;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * pem-server settings ({@code sam6d.pem.*}, fed by PEM_* environment variables).
 *
 * @param engine        pose engine by name ({@code weight-free}, {@code djl})
 * @param cacheMax      objects whose prepared models (point clouds, point-pair tables) are kept (LRU)
 * @param preloadClass  an object class to prepare at start-up (empty: none); health is not UP until it is done
 */
@Validated
@ConfigurationProperties("sam6d.pem")
record PemSettings(@NotBlank String engine, @Min(1) int cacheMax, String preloadClass) {
}
