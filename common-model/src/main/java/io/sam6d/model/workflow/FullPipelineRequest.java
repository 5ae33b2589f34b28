package io.sam6d.model.workflow;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.sam6d.model.frame.FrameInput;

/**
 * {@code POST /api/v1/workflow/full-pipeline}: Render (only where templates are missing) -> ISM -> PEM on one frame.
 * Give the frame either as files ({@code input_images}) or in the body ({@code images}), not both.
 *
 * @param objectName      one object of the class ...
 * @param objectNames     ... or several
 * @param outputMode      {@code full}, {@code results_only} (default) or {@code none}
 * @param outputDir       a tag, giving the folder {@code static/output/<yyyyMMdd_HHmmss>_<tag>/}, or a folder under
 *                        {@code static/output/} named as a path, e.g. {@code static/output/run_12345}
 * @param scoreThreshold  ISM's minimum detection score 0..1, null for the server's default
 * @param maxDetections   at most this many detections per object, null for the server's default
 * @param forceRegenerate render templates even when complete ones exist
 * @param waitForEnd      ({@code wait}) true: answer 200 with the job once it has ended (at most {@code WORKFLOW_MAX_WAIT}),
 *                        202 with the job when the wait runs out; absent or false: 202 at once
 */
public record FullPipelineRequest(String className, String objectName, List<String> objectNames,
        InputImages inputImages, FrameInput images, String outputMode, String outputDir, Double scoreThreshold,
        Integer maxDetections, Boolean forceRegenerate, @JsonProperty("wait") Boolean waitForEnd) {
}
