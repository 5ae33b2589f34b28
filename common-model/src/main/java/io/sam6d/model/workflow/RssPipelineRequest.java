package io.sam6d.model.workflow;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code POST /api/v1/workflow/full-pipeline-from-rss}: capture frames from a RealSense streaming server and run the
 * full pipeline on each.
 *
 * @param rssUrl     the camera server's base URL, e.g. {@code http://camera-host:8080}
 * @param alignColor reproject depth into the colour camera
 * @param frames     how many frames to capture (default 1); more than 1 runs as a batch
 * @param base       the design documents' name of {@code rss_url} (either may be given)
 * @param host       with {@code port}: {@code http://host:port}, when neither {@code rss_url} nor {@code base} is given
 * @param waitForEnd ({@code wait}) as in {@link FullPipelineRequest}
 */
public record RssPipelineRequest(String rssUrl, String className, String objectName, List<String> objectNames,
        Boolean alignColor, Integer frames, String outputMode, String outputDir, Double scoreThreshold,
        Integer maxDetections, Boolean forceRegenerate, String base, String host, Integer port, @JsonProperty("wait") Boolean waitForEnd) {
}
