/**
 * Instance segmentation of known objects: where each object is in an RGB-D frame.
 *
 * <p>{@link io.sam6d.vision.segmentation.Segmenter} is the contract the ISM server calls;
 * {@link io.sam6d.vision.segmentation.WeightFreeSegmenter} ({@code weight-free}, registered with
 * {@link java.util.ServiceLoader}) is the CPU engine without learned weights, configured by
 * {@link io.sam6d.vision.segmentation.ConfigWeightFreeSegmentation}. Its parts, all package-private:
 * {@code DepthScene} (per frame: points, normals, support plane, proposals; built by {@code SceneNormals},
 * {@code SupportPlanes}, {@code Creases} and {@code SceneSegments}), {@code WeightFreeModel} (per object:
 * templates and the point-pair model, built once by {@code prepare}), {@code PoseSearch} (template search and local
 * refinement), {@code InstanceMatcher} (the cascade per proposal), {@code Verification} (pixel-wise check and mask)
 * and {@code DepthSanity} (depth-scale warnings). It uses the point-pair voting and point-to-plane ICP of
 * {@code io.sam6d.vision.pose}, the template reader and point splatting of {@code io.sam6d.vision.render}, and
 * returns {@code io.sam6d.vision.detection}'s types (which the pose engines take in; the arrow points from
 * segmentation to pose, never back).
 *
 * <p>Units: millimetres for lengths, pixels for image coordinates; poses map model points into the camera frame.
 */
package io.sam6d.vision.segmentation;
