package io.sam6d.model.pem;

import java.util.List;

/**
 * @param poses   one per detection that got a pose, in detection order
 * @param engine  the pose engine that answered
 * @param timeMs  wall time, ms
 */
public record EstimateResponse(List<PoseEstimateDto> poses, List<String> warnings, String engine, long timeMs) {
}
