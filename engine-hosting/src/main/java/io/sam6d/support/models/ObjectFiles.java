package io.sam6d.support.models;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.sam6d.support.files.StaticDirectory;
import io.sam6d.support.web.ApiException;

/**
 * Where an object's files are: its CAD mesh {@code static/meshes/<class>/<object>.{ply,obj,stl}} (first format
 * that exists, in that order) and its templates {@code static/templates/<class>/<object>/}.
 */
public record ObjectFiles(String className, String objectName, Path mesh, Path templateDir) {

    /** Every object of a class, one per mesh file stem, sorted by name. */
    public static List<ObjectFiles> listClass(StaticDirectory staticDir, String className, String classField) {
        StaticDirectory.requireSafeName(className, classField);
        Path classDir = staticDir.meshes().resolve(className);
        if (!Files.isDirectory(classDir)) {
            throw ApiException.notFound(classField, "no object class '" + className + "' in static/meshes/");
        }
        try (java.util.stream.Stream<Path> files = Files.list(classDir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.lastIndexOf('.') > 0 && FORMATS.contains(n.substring(n.lastIndexOf('.') + 1)))
                    .map(n -> n.substring(0, n.lastIndexOf('.'))).distinct().sorted()
                    .map(name -> locate(staticDir, className, name, "object_name")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot list " + classDir, e);
        }
    }

    private static final List<String> FORMATS = List.of("ply", "obj", "stl", "PLY", "OBJ", "STL");

    /**
     * @param objectField the request field that named the object, for the error
     * @throws ApiException 400 for unsafe names, 404 when the class or object has no mesh
     */
    public static ObjectFiles locate(StaticDirectory staticDir, String className, String objectName,
            String objectField) {
        StaticDirectory.requireSafeName(className, "class_name");
        StaticDirectory.requireSafeName(objectName, objectField);
        Path classDir = staticDir.meshes().resolve(className);
        if (!Files.isDirectory(classDir)) {
            throw ApiException.notFound("class_name", "no object class '" + className + "' in static/meshes/");
        }
        for (String ext : FORMATS) {
            Path mesh = classDir.resolve(objectName + "." + ext);
            if (Files.isRegularFile(mesh)) {
                return new ObjectFiles(className, objectName, mesh,
                        staticDir.templates().resolve(className).resolve(objectName));
            }
        }
        throw ApiException.notFound(objectField, "no object '" + objectName + "' in class '" + className
                + "' (expected static/meshes/" + className + "/" + objectName + ".ply, .obj or .stl)");
    }
}
