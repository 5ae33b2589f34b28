package io.sam6d.model.workflow;

import java.util.List;

/**
 * {@code POST /api/v1/workflow/full-pipeline-from-rss}: capture frames from a RealSense streaming server and run the
 * full pipeline on each.
 *
 * @param rssUrl     the camera server's base URL, e.g. {@code http://camera-host:8080}
 * @param alignColor reproject depth into the colour camera
 * @param frames     how many frames to capture (default 1); more than 1 runs as a batch
 */
public record RssPipelineRequest(String rssUrl, String className, String objectName, List<String> objectNames,
        Boolean alignColor, Integer frames, String outputMode, String outputDir, Double scoreThreshold,
        Integer maxDetections, Boolean forceRegenerate) {
}
