package io.sam6d.vision.detection;

import java.util.List;

/**
 * @param detections best first, at most what the request allowed
 * @param warnings   plain-language notes for the caller (implausible depth scale, depth resampled, ...)
 */
public record SegmentationResult(List<Detection> detections, List<String> warnings) {
}
