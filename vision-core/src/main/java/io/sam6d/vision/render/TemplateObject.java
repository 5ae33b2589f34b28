package io.sam6d.vision.render;

/**
 * Names recorded with a template set.
 *
 * @param className  the object's class ({@code static/meshes/<class>/})
 * @param objectName the object's name (its mesh file stem)
 * @param mesh       where the mesh came from, as the caller wants it recorded (e.g. {@code static/meshes/a/b.ply})
 */
public record TemplateObject(String className, String objectName, String mesh) {
}
