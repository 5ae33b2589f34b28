package io.sam6d.model.ism;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/v1/ism/segment}: find objects of one class in a frame.
 *
 * @param objectName      one object to look for ...
 * @param objectNames     ... or several (give one of the two)
 * @param scoreThreshold  drop detections scoring below this (0..1), or null for the server's default
 * @param maxDetections   at most this many detections per object, or null for the server's default
 */
public record SegmentRequest(
        @NotBlank String rgbImage,
        @NotBlank String depthImage,
        @JsonProperty("cam_K") @NotNull @Size(min = 9, max = 9) List<@NotNull Double> camK,
        @NotNull @Positive Double depthScale,
        @NotBlank String className,
        String objectName,
        List<@NotBlank String> objectNames,
        Double scoreThreshold,
        Integer maxDetections) {
}
