package io.sam6d.model.workflow;

import java.util.List;

/**
 * {@code POST /api/v1/workflow/render-templates}: render the templates of a class's objects through render-server.
 *
 * @param objectNames     empty or absent: every object of the class
 * @param forceRegenerate render even objects whose templates are complete (otherwise they are skipped)
 */
public record RenderTemplatesWorkflowRequest(String className, List<String> objectNames, Boolean forceRegenerate) {
}
