package io.sam6d.model.workflow;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code POST /api/v1/workflow/batch}: many full pipelines in one job; each item succeeds or fails on its own.
 * The batch's {@code output_mode} and {@code output_dir} apply to every item (items' own values are ignored):
 * items write into sub-folders of the batch folder. {@code wait}: as in {@link FullPipelineRequest} (items' own
 * are ignored).
 */
public record BatchRequest(List<FullPipelineRequest> items, String outputMode, String outputDir, @JsonProperty("wait") Boolean waitForEnd) {
}
