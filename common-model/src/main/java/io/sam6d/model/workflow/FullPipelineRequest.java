package io.sam6d.model.workflow;

import java.util.List;

import io.sam6d.model.frame.FrameInput;

/**
 * {@code POST /api/v1/workflow/full-pipeline}: Render (only where templates are missing) -> ISM -> PEM on one frame.
 * Give the frame either as files ({@code input_images}) or in the body ({@code images}), not both.
 *
 * @param objectName      one object of the class ...
 * @param objectNames     ... or several
 * @param outputMode      {@code full}, {@code results_only} (default) or {@code none}
 * @param outputDir       tag of the output folder {@code static/output/<yyyyMMdd_HHmmss>_<tag>/}
 * @param scoreThreshold  ISM's minimum detection score 0..1, null for the server's default
 * @param maxDetections   at most this many detections per object, null for the server's default
 * @param forceRegenerate render templates even when complete ones exist
 */
public record FullPipelineRequest(String className, String objectName, List<String> objectNames,
        InputImages inputImages, FrameInput images, String outputMode, String outputDir, Double scoreThreshold,
        Integer maxDetections, Boolean forceRegenerate) {
}
