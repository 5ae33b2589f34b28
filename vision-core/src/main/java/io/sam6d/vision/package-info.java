/**
 * The engine library of sam6d-suite: plain Java, no Spring, no HTTP; what serves requests. Units: millimetres for
 * lengths, pixels for image coordinates; poses map model points into the camera frame (x_cam = R x_model + t).
 *
 * <p>Packages, each depending only on those listed before it (ArchitectureTest holds this): {@code geometry}
 * (camera, rigid transforms, meshes, planes, eigen solvers, depth-to-colour alignment), {@code image} (RGB, depth,
 * masks and their morphology, PNG), {@code io} (meshes, NPY, {@code camera.json}, BOP datasets), {@code model}
 * (object models and the prepared-model contract), {@code detection} (what the engines exchange), {@code render}
 * (rasteriser, point splats, templates), {@code pose} (PoseEstimator, point-pair voting, ICP, scoring),
 * {@code segmentation} (Segmenter and the weight-free engine), {@code visualisation} (overlays). The measuring
 * tools (BOP scoring, benchmarks, synthetic scenes) are in module vision-eval; the TorchScript engines in
 * vision-djl.
 */
package io.sam6d.vision;
