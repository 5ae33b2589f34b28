package io.sam6d.vision.model;

import java.nio.file.Path;
import java.util.List;

import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.geometry.RigidTransform;

/**
 * A known object as the engines see it. Lengths in mm, in the CAD model's frame.
 *
 * @param name         the object name (file stem), unique within its class
 * @param mesh         the CAD model (triangles or a point set)
 * @param diameterMm   largest distance between two model points
 * @param symmetries   transforms that map the model onto itself (identity not included); continuous
 *                     symmetries are given as a sampling of rotations about their axis
 * @param templateDir  the object's rendered templates ({@code static/templates/<class>/<object>/}), or null when
 *                     an engine should work from the mesh alone
 */
public record ObjectModel(String name, Mesh mesh, double diameterMm, List<RigidTransform> symmetries,
        Path templateDir) {

    public ObjectModel {
        if (!(diameterMm > 0)) {
            throw new IllegalArgumentException("object diameter must be > 0 mm");
        }
        symmetries = List.copyOf(symmetries);
    }
}
