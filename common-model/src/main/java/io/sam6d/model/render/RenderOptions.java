package io.sam6d.model.render;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

/**
 * How to render templates; every field may be null for the server's default.
 *
 * @param views        number of viewpoints (42: the vertices of a level-1 icosphere)
 * @param imageSize    width and height of each square template image, pixels
 * @param distanceMm   camera distance from the object's centre, mm (null: from the object's diameter)
 * @param unitScale    multiply mesh coordinates by this to get mm (1 for BOP models in mm, 1000 for metres)
 */
public record RenderOptions(@Min(1) @Max(2562) Integer views, @Min(16) @Max(2048) Integer imageSize,
        @Positive Double distanceMm, @Positive Double unitScale) {
}
