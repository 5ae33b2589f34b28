package io.sam6d.model.render;

import jakarta.validation.Valid;

/**
 * {@code POST /api/v1/render/templates}: render an object's templates into
 * {@code static/templates/<class>/<object>/}. Name the object by class and object (its mesh is found in
 * {@code static/meshes/<class>/}) or give {@code meshPath} under {@code static/} with the class and object names
 * to store it under.
 *
 * @param forceRegenerate render even when complete templates exist
 * @param options         null for the server's defaults
 */
public record RenderTemplatesRequest(String className, String objectName, String meshPath, boolean forceRegenerate,
        @Valid RenderOptions options) {
}
