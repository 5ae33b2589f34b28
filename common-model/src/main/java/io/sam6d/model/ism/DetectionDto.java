package io.sam6d.model.ism;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * One detected instance, in BOP's detection form.
 *
 * @param objectName     which object of the class
 * @param score          confidence 0..1
 * @param bbox           {@code [x, y, w, h]}, pixels
 * @param segmentation   the visible mask
 * @param templateViews  best-matching template views, best first (may be empty)
 * @param coarsePose     a pose hypothesis found during segmentation, or null
 */
public record DetectionDto(
        @NotBlank String objectName,
        double score,
        @NotNull @Size(min = 4, max = 4) List<@NotNull Integer> bbox,
        @NotNull @Valid RleMask segmentation,
        List<@NotNull TemplateViewMatch> templateViews,
        PoseDto coarsePose) {
}
