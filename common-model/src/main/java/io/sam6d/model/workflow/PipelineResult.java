package io.sam6d.model.workflow;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sam6d.model.ism.DetectionDto;
import io.sam6d.model.pem.PoseEstimateDto;

/**
 * The output of a full-pipeline job (and {@code result.json}).
 *
 * @param outputDir output folder relative to {@code static/} ({@code output/...}), null for mode none
 * @param capture   what the camera server told about the frame (RSS jobs only)
 */
public record PipelineResult(String outputDir, List<ObjectResult> objects, StageTimings timingsMs,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> capture) {

    /**
     * @param templatesRendered templates were rendered in this run
     * @param detections        ISM's detections of this object, best first
     * @param poses             PEM's poses (R row-major, t in mm, score)
     */
    public record ObjectResult(String objectName, boolean templatesRendered, List<DetectionDto> detections,
            List<PoseEstimateDto> poses) {
    }

    /** Wall times of the stages, ms ({@code render} is 0 when no templates were missing). */
    public record StageTimings(long render, long ism, long pem, long total) {
    }
}
