package io.sam6d.model.ism;

import java.util.List;

/**
 * @param detections      best first
 * @param warnings        plain-language notes (depth resampled to the colour size, implausible depth scale, ...)
 * @param depthResampled  the depth image had another size than the colour image and was resampled to it
 * @param engine          the segmentation engine that answered
 * @param timeMs          wall time of the segmentation, ms
 */
public record SegmentResponse(List<DetectionDto> detections, List<String> warnings, boolean depthResampled,
        String engine, long timeMs) {
}
