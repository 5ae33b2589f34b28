package io.sam6d.model.workflow;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code POST /api/v1/workflow/render-templates}: render the templates of a class's objects through render-server.
 *
 * @param objectNames     empty or absent: every object of the class
 * @param forceRegenerate render even objects whose templates are complete (otherwise they are skipped)
 * @param waitForEnd      ({@code wait}) true: answer 200 with the job once it has ended (at most {@code WORKFLOW_MAX_WAIT}),
 *                        202 with the job when the wait runs out; absent or false: 202 at once
 */
public record RenderTemplatesWorkflowRequest(String className, List<String> objectNames, Boolean forceRegenerate,
        @JsonProperty("wait") Boolean waitForEnd) {
}
