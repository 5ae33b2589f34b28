/**
 * Synthetic RGB-D scenes with exact ground truth in BOP layout ({@link io.sam6d.vision.synthetic.SyntheticScenes}):
 * models resting on a table on stable faces, camera-like depth degradation
 * ({@link io.sam6d.vision.synthetic.DepthNoise}). Lengths in mm.
 */
package io.sam6d.vision.synthetic;
