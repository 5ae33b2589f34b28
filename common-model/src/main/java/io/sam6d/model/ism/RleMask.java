package io.sam6d.model.ism;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * COCO uncompressed run-length encoding: {@code counts} over the pixels in column-major order, starting with a
 * run of background; {@code size} is {@code [height, width]}.
 */
public record RleMask(@NotNull List<@NotNull @PositiveOrZero Integer> counts,
        @NotNull @Size(min = 2, max = 2) List<@NotNull @Positive Integer> size) {
}
