/**
 * What the engines exchange: a {@link io.sam6d.vision.detection.Detection} is one instance of a known object in a
 * frame (mask, box, score, best template views, an optional coarse pose), the output of segmentation
 * ({@link io.sam6d.vision.detection.SegmentationResult}) and the input of pose estimation. Both engine packages use
 * these types and neither is used by them, so segmentation and pose never need each other for them.
 */
package io.sam6d.vision.detection;
