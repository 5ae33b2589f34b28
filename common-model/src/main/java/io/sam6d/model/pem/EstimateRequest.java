package io.sam6d.model.pem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sam6d.model.ism.DetectionDto;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/v1/pem/estimate}: the frame and camera fields of ISM plus ISM's detections.
 *
 * @param debug also return the pose hypotheses that were rejected, with their scores
 */
public record EstimateRequest(
        @NotBlank String rgbImage,
        @NotBlank String depthImage,
        @JsonProperty("cam_K") @NotNull @Size(min = 9, max = 9) List<@NotNull Double> camK,
        @NotNull @Positive Double depthScale,
        @NotBlank String className,
        @NotNull List<@NotNull @Valid DetectionDto> detections,
        boolean debug) {
}
