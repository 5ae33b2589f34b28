/**
 * Rendering of CAD models on the CPU: {@link io.sam6d.vision.render.MeshRenderer}, an exact z-buffer rasteriser
 * (depth, mask, model-frame XYZ, camera-frame normals, shaded RGB) for triangle meshes and point sets, and the
 * template rendering built on it ({@link io.sam6d.vision.render.TemplateRenderer},
 * {@link io.sam6d.vision.render.TemplateSet}), and the model renderers the engines verify poses with
 * ({@link io.sam6d.vision.render.ModelDepthRenderer}: {@link io.sam6d.vision.render.PointSplatRenderer}, the one
 * point-splatting loop, and {@link io.sam6d.vision.render.RasterDepthRenderer}). Lengths in mm; poses map model
 * points into the camera frame.
 */
package io.sam6d.vision.render;
