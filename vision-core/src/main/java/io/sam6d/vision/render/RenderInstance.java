package io.sam6d.vision.render;

import java.util.Objects;

import io.sam6d.vision.geometry.RigidTransform;

/** One model placed in the camera frame for a multi-object render ({@link MeshRenderer#renderScene}). */
public record RenderInstance(RenderModel model, RigidTransform modelToCamera) {

    public RenderInstance {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(modelToCamera, "modelToCamera");
    }
}
