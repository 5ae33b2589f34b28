package io.sam6d.model.objects;

/**
 * One object class (a folder under {@code static/meshes/}).
 *
 * @param path                     the class folder, relative to the project root ({@code static/meshes/<class>})
 * @param templateCount            objects of the class whose templates are complete
 * @param templateCompletionRate   templateCount / objectCount in percent, one decimal
 */
public record ClassSummary(String name, String path, int objectCount, int templateCount,
        double templateCompletionRate) {
}
