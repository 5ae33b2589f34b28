package io.sam6d.model.frame;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * One RGB-D frame as it travels between services.
 *
 * @param rgbImage    Base64 PNG or JPEG colour image
 * @param depthImage  Base64 16-bit single-channel PNG of raw depth units
 * @param camK        intrinsics of the colour image, 9 numbers row-major {@code [fx,0,cx,0,fy,cy,0,0,1]}, pixels
 * @param depthScale  millimetres per raw depth unit (BOP's {@code depth_scale}: 1.0 for mm, 0.1 for YCB-Video)
 */
public record FrameInput(
        @NotBlank String rgbImage,
        @NotBlank String depthImage,
        @JsonProperty("cam_K") @NotNull @Size(min = 9, max = 9) List<@NotNull Double> camK,
        @NotNull @Positive Double depthScale) {
}
