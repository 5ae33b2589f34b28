package io.sam6d.model.workflow;

import java.util.List;

/** The output of a render-templates job: what happened to each object. */
public record RenderTemplatesResult(String className, int rendered, int skipped, int failed, List<Item> objects) {

    /**
     * @param status        {@code rendered}, {@code skipped} (complete templates existed) or {@code failed}
     * @param viewsRendered template views the render server wrote
     * @param templatePath  where the templates are, relative to the project root
     */
    public record Item(String objectName, String status, int viewsRendered, String templatePath, String error,
            long durationMs) {
    }
}
