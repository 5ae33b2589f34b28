package io.sam6d.vision.detection;

import java.util.List;
import java.util.Map;

/**
 * @param detections   best first, at most what the request allowed
 * @param warnings     plain-language notes for the caller (implausible depth scale, depth resampled, ...)
 * @param stageSeconds wall-clock seconds per stage of the engine, in the order they ran (empty when the engine does
 *                     not say), for benchmarks and logs
 */
public record SegmentationResult(List<Detection> detections, List<String> warnings, Map<String, Double> stageSeconds) {

    public SegmentationResult {
        stageSeconds = stageSeconds == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(stageSeconds));
    }

    /** A result without stage times. */
    public SegmentationResult(List<Detection> detections, List<String> warnings) {
        this(detections, warnings, Map.of());
    }
}
