package io.sam6d.model.ism;

import java.util.List;

/**
 * COCO uncompressed run-length encoding: {@code counts} over the pixels in column-major order, starting with a
 * run of background; {@code size} is {@code [height, width]}.
 */
public record RleMask(List<Integer> counts, List<Integer> size) {
}
